using TrustSafety.Identity.Demo;
using TrustSafety.Identity.People;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Staff;

/// <param name="Id">The subject id (<c>sub</c>) other services store, e.g. incident's handler id.</param>
public sealed record StaffMember(string Id, string Name, IReadOnlyList<string> Roles);

/// <param name="School">DfE URN of the caller's school: the only school the list ever covers.</param>
public sealed record SchoolStaff(string School, IReadOnlyList<StaffMember> Staff);

/// <summary>
/// The staff accounts of one school. Only staff roles count: governors are volunteers, pupils have no account, and
/// trust-wide accounts (no school) are never in a school's list.
/// </summary>
public static class StaffDirectory
{
    /// <summary>Roles that make an account a member of a school's staff, safeguarding team first.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Staff, PlatformRoles.ItAdmin];

    /// <summary>Who may read the list: those who triage incidents and choose their handler.</summary>
    public static readonly string[] ReaderRoles = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher];

    /// <param name="onlyRoles">When not empty, only staff holding at least one of these roles.</param>
    public static SchoolStaff Of(IEnumerable<DemoUser> users, string schoolUrn, IReadOnlyCollection<string> onlyRoles) =>
        Of(users.Select(u => u.AsPerson()), schoolUrn, onlyRoles);

    /// <param name="onlyRoles">When not empty, only staff holding at least one of these roles.</param>
    public static SchoolStaff Of(IEnumerable<Person> users, string schoolUrn, IReadOnlyCollection<string> onlyRoles)
    {
        var staff = users
            .Where(u => u.SchoolUrn == schoolUrn)
            .Select(u => new StaffMember(u.Id, u.DisplayName, [.. u.Roles.Where(StaffRoles.Contains)]))
            .Where(m => m.Roles.Count > 0 && (onlyRoles.Count == 0 || m.Roles.Any(onlyRoles.Contains)))
            .OrderBy(m => m.Roles.Min(Rank))
            .ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new SchoolStaff(schoolUrn, staff);
    }

    private static int Rank(string role)
    {
        for (var i = 0; i < StaffRoles.Count; i++)
        {
            if (StaffRoles[i] == role)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
