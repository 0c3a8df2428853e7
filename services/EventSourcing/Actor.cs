using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.EventSourcing;

/// <summary>Who is acting, as the deciders see it (from the validated token).</summary>
public sealed record Actor(string Id, string Name, IReadOnlyCollection<string> Roles)
{
    public bool Is(string role) => Roles.Contains(role, StringComparer.Ordinal);
    public bool IsDsl => Is(PlatformRoles.Dsl);
    public bool InSafeguardingTeam => PlatformRoles.SafeguardingTeam.Any(Is);

    /// <summary>Allegations against staff go only to the DSL and the headteacher (LADO route).</summary>
    public bool SeesStaffAllegations => PlatformRoles.StaffAllegationReaders.Any(Is);

    public static Actor From(CurrentUser user) => new(user.Id, user.Name, user.Roles);
}
