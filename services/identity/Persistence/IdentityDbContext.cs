using Microsoft.EntityFrameworkCore;

namespace TrustSafety.Identity.Persistence;

/// <summary>Holds only OpenIddict's applications, scopes, authorizations and tokens; demo users live in code.</summary>
public sealed class IdentityDbContext(DbContextOptions<IdentityDbContext> options) : DbContext(options);
