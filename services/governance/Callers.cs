using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Governance;

/// <summary>Who keeps the school's governance records, from the validated token only.</summary>
public static class GovernancePolicies
{
    /// <summary>Training records, policy register, group meetings, risk assessments: the school's DSL, deputy DSL and headteacher.</summary>
    public const string Manage = "governance-manage";
    /// <summary>The records above, read: the safeguarding team and the school's governors (oversight).</summary>
    public const string Oversee = "governance-oversee";
    /// <summary>Lessons learnt from a closed incident: the DSL only (they write the summary; sealed case text stays in the case).</summary>
    public const string Lessons = "governance-lessons";

    public static WebApplicationBuilder AddGovernancePolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Manage, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.SafeguardingTeam))
            .AddPolicy(Oversee, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School)
                .RequireRole([.. PlatformRoles.SafeguardingTeam, PlatformRoles.Governor]))
            .AddPolicy(Lessons, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.Dsl));
        builder.Services.AddSingleton<SchoolDay>();
        return builder;
    }
}
