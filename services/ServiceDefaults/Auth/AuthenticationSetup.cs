using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using TrustSafety.Platform;

namespace TrustSafety.ServiceDefaults.Auth;

public sealed class PlatformAuthenticationOptions
{
    public const string Section = "Authentication";
    public string Authority { get; set; } = "http://127.0.0.1:5090/";
    public string Audience { get; set; } = "trustsafety-api";
    public bool RequireHttpsMetadata { get; set; }
    /// <summary>Extra accepted issuers, e.g. when the IdP is reached under another host name.</summary>
    public string[] ValidIssuers { get; set; } = [];
}

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer validation by configuration alone: point <c>Authentication:Authority</c> at any OpenID Connect
    /// provider (the local identity service, Entra ID, Google) whose tokens carry role and school claims.
    /// </summary>
    public static WebApplicationBuilder AddPlatformAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlatformAuthenticationOptions>()
            .BindConfiguration(PlatformAuthenticationOptions.Section)
            .Validate(o => Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "Authentication:Authority must be an absolute URL")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((o, config) =>
            {
                var platform = config.GetSection(PlatformAuthenticationOptions.Section).Get<PlatformAuthenticationOptions>()
                    ?? new PlatformAuthenticationOptions();
                o.Authority = platform.Authority;
                o.Audience = platform.Audience;
                o.RequireHttpsMetadata = platform.RequireHttpsMetadata;
                o.MapInboundClaims = false;
                o.RefreshOnIssuerKeyNotFound = true;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuers = platform.ValidIssuers.Length > 0 ? platform.ValidIssuers : null,
                    ValidateAudience = true,
                    ValidAudience = platform.Audience,
                    ValidateLifetime = true,
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RoleClaimType = PlatformClaims.Role,
                    NameClaimType = PlatformClaims.Name,
                    ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
                };
            });

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(PlatformPolicies.SchoolMember, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School))
            .AddPolicy(PlatformPolicies.SchoolStaff, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.AnySchoolStaff))
            .AddPolicy(PlatformPolicies.SafeguardingTeam, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.SafeguardingTeam))
            .AddPolicy(PlatformPolicies.TrustLead, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.TrustLead))
            .AddPolicy(PlatformPolicies.ItAdmin, p => p.RequireAuthenticatedUser().RequireRole(PlatformRoles.ItAdmin));
        return builder;
    }
}
