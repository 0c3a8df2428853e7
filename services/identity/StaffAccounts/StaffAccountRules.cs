using System.Text.RegularExpressions;
using TrustSafety.Identity.Demo;
using TrustSafety.Platform;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>What an invitation or a change must say, checked before anything is stored. Pure: no I/O.</summary>
public static partial class StaffAccountRules
{
    public static readonly IReadOnlyList<string> AllRoles =
        [PlatformRoles.TrustLead, PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Staff, PlatformRoles.Governor, PlatformRoles.ItAdmin];

    /// <summary>Roles that only make sense within one school.</summary>
    public static readonly IReadOnlyList<string> SchoolRoles = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.Staff, PlatformRoles.Governor];

    /// <summary>
    /// The normalised values, or the errors keyed by field (prefixed, e.g. <c>row 3.email</c> for an import). A school must be
    /// one of the trust's (<paramref name="trust"/>): an account at any other URN would sign in to a school nobody else sees.
    /// </summary>
    public static (StaffAccountValues? Values, Dictionary<string, string[]> Errors) Check(
        string? email, string? name, string? school, IEnumerable<string>? roles, bool emailRequired, TrustSchools trust, string prefix = "")
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var address = (email ?? "").Trim().ToLowerInvariant();
        if (emailRequired && !EmailAddress().IsMatch(address))
            errors[prefix + "email"] = [$"'{email}' is not an e-mail address: give the address the person signs in with at the trust's Microsoft or Google account, e.g. j.smith@example-trust.org.uk."];

        var displayName = (name ?? "").Trim();
        if (displayName.Length is 0 or > 200)
            errors[prefix + "name"] = ["Give the person's name as colleagues know it (1 to 200 characters)."];

        var urn = string.IsNullOrWhiteSpace(school) ? null : school.Trim();
        var wanted = (roles ?? []).Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(r => !AllRoles.Contains(r, StringComparer.Ordinal)).ToList();
        if (wanted.Count == 0)
            errors[prefix + "roles"] = [$"Give at least one role: {string.Join(", ", AllRoles)}."];
        else if (unknown.Count > 0)
            errors[prefix + "roles"] = [$"{string.Join(", ", unknown.Select(r => $"'{r}'"))} not a role: use {string.Join(", ", AllRoles)}."];

        if (urn is not null && !Urn().IsMatch(urn))
            errors[prefix + "school"] = [$"'{urn}' is not a school URN: give the school's six-digit DfE URN, or leave it empty for a trust-wide role."];
        else if (urn is not null && !trust.Contains(urn))
            errors[prefix + "school"] = [$"{urn} is not one of {trust.Name}'s schools: check the URN, or ask the trust to add the school " +
                "to its list of schools (Trust:Schools) first."];
        else if (urn is null && wanted.Any(SchoolRoles.Contains))
            errors[prefix + "school"] = [$"{string.Join(", ", wanted.Where(SchoolRoles.Contains))} work within one school: give that school's six-digit DfE URN."];
        else if (urn is not null && wanted.Contains(PlatformRoles.TrustLead))
            errors[prefix + "school"] = ["trust-lead is trust-wide: leave the school empty (or give a separate account for a school role)."];

        return errors.Count > 0 ? (null, errors) : (new StaffAccountValues(address, displayName, urn, wanted), errors);
    }

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"^\d{6}$", RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Urn();
}

public sealed record StaffAccountValues(string Email, string Name, string? SchoolUrn, IReadOnlyList<string> Roles);
