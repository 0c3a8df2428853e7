using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using TrustSafety.Identity.OpenIdConnect;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Staff;

/// <summary>
/// Bearer-token validation for identity's own API, with the same rules as every other service's
/// (ServiceDefaults' AddPlatformAuthentication): issuer, <c>aud</c> = trustsafety-api, lifetime with 30 s skew, signed
/// with an RSA/ECDSA algorithm, <c>role</c> and <c>name</c> claims as issued. Identity is the issuer, so it takes the
/// signing keys and issuer from its own OpenIddict server rather than fetching its own discovery document over HTTP.
/// The login cookie stays the default scheme; only the API's policy names this one.
/// </summary>
internal static class StaffApiAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;
    public const string StaffDirectoryPolicy = "staff-directory";
    public const string StaffAdministrationPolicy = "staff-administration";
    private const string SchoolClaim = TrustSafetyClaims.School;

    public static void AddStaffApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme)
            .Configure<IOptions<OpenIddictServerOptions>>((o, server) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = server.Value.Issuer?.AbsoluteUri
                        ?? throw new InvalidOperationException("The OpenIddict server has no issuer; set Identity:Issuer."),
                    ValidateAudience = true,
                    ValidAudience = TrustSafetyScopes.ApiResource,
                    ValidateLifetime = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    IssuerSigningKeys = [.. server.Value.SigningCredentials.Select(c => c.Key)],
                    RoleClaimType = "role",
                    NameClaimType = "name",
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffDirectoryPolicy, p => p
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireClaim(SchoolClaim)
                .RequireRole(StaffDirectory.ReaderRoles))
            // The trust administrator: the trust-wide IT admin (a school's IT technician has a school claim).
            .AddPolicy(StaffAdministrationPolicy, p => p
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(PlatformRoles.ItAdmin)
                .RequireAssertion(c => !c.User.HasClaim(claim => claim.Type == SchoolClaim)));
    }
}
