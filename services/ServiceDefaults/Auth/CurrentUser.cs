using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using TrustSafety.Platform;

namespace TrustSafety.ServiceDefaults.Auth;

/// <summary>The caller, from the validated token only — never from a client-sent header.</summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(PlatformClaims.Subject) ?? "anonymous";
    public string Name => Principal.FindFirstValue(PlatformClaims.Name) ?? Id;
    public string? SchoolUrn => Principal.FindFirstValue(PlatformClaims.School);
    public IReadOnlyCollection<string> Roles => Principal.FindAll(PlatformClaims.Role).Select(c => c.Value).ToArray();
    public bool IsInRole(string role) => Principal.HasClaim(PlatformClaims.Role, role);
    public bool IsInAnyRole(params string[] roles) => roles.Any(IsInRole);

    /// <summary>The tenant of a school-scoped request; policies guarantee it exists before an endpoint runs.</summary>
    public string Tenant => SchoolUrn ?? throw new InvalidOperationException("The caller's token carries no school claim.");
}
