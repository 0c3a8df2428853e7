using Microsoft.AspNetCore.Authorization;
using TrustSafety.Notifications.Notices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Notifications;

/// <summary>Where a caller's notifications live and which of them they may see, from the validated token only.</summary>
public static class Callers
{
    /// <summary>Safeguarding team of a school, or the trust lead: those who receive notices and set email preferences.</summary>
    public const string Recipients = "notification-recipients";
    /// <summary>Any member of a school's staff (their own email address for notices meant for them, e.g. a task), or the trust lead.</summary>
    public const string People = "notification-people";
    /// <summary>The school's DSL (own school), the trust lead (the trust's own emails) or the trust IT admin (every school: the operator).</summary>
    public const string DeliveryReaders = "notification-deliveries";

    public static WebApplicationBuilder AddNotificationPolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Recipients, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type == PlatformClaims.School)
                    ? PlatformRoles.SafeguardingTeam.Any(r => c.User.HasClaim(PlatformClaims.Role, r))
                    : c.User.HasClaim(PlatformClaims.Role, PlatformRoles.TrustLead)))
            .AddPolicy(People, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type == PlatformClaims.School)
                    ? PlatformRoles.AnySchoolStaff.Any(r => c.User.HasClaim(PlatformClaims.Role, r))
                    : c.User.HasClaim(PlatformClaims.Role, PlatformRoles.TrustLead)))
            .AddPolicy(DeliveryReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.HasClaim(x => x.Type == PlatformClaims.School)
                    ? c.User.HasClaim(PlatformClaims.Role, PlatformRoles.Dsl)
                    : c.User.HasClaim(PlatformClaims.Role, PlatformRoles.TrustLead) || c.User.HasClaim(PlatformClaims.Role, PlatformRoles.ItAdmin)));
        return builder;
    }

    /// <summary>The tenant of the caller's notifications: their school, the trust's for the trust lead, none for anyone else.</summary>
    public static string? Tenant(this CurrentUser user) =>
        user.SchoolUrn ?? (user.IsInRole(PlatformRoles.TrustLead) ? NoticeRules.TrustTenant : null);

    /// <summary>Whether the caller may see a notification of their tenant: by role, or named as its one recipient.</summary>
    public static bool Sees(this CurrentUser user, Notification n) =>
        n.Audience == Audience.Person ? n.RecipientId == user.Id : user.Audiences().Contains(n.Audience);

    /// <summary>The trust IT admin watches delivery across every school (addresses and outcomes; emails carry no case detail).</summary>
    public static bool IsOperator(this CurrentUser user) => user.SchoolUrn is null && user.IsInRole(PlatformRoles.ItAdmin)
        && !user.IsInRole(PlatformRoles.TrustLead);

    /// <summary>All audiences (DSL, headteacher, trust lead), all but allegations (deputy DSL), or none (everyone else).</summary>
    public static Audience[] Audiences(this CurrentUser user) => AudiencesOf(user.SchoolUrn is not null, user.IsInRole);

    /// <summary>The same rule from a saved set of roles (the daily digest counts for people who are not calling).</summary>
    public static Audience[] AudiencesOf(bool inSchool, Func<string, bool> hasRole)
    {
        if (!inSchool)
            return hasRole(PlatformRoles.TrustLead) ? [Audience.TrustLead] : [];
        if (PlatformRoles.StaffAllegationReaders.Any(hasRole)) return [Audience.SafeguardingTeam, Audience.AllegationReaders];
        return hasRole(PlatformRoles.DeputyDsl) ? [Audience.SafeguardingTeam] : [];
    }
}
