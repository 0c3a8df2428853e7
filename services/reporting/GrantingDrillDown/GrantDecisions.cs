using TrustSafety.Reporting.Grants;

namespace TrustSafety.Reporting.GrantingDrillDown;

public sealed record IssueGrant(string? SchoolUrn, string? Reason, int? Hours);

/// <summary>Pure decisions about grants.</summary>
public static class GrantDecisions
{
    public const int MaxHours = 72;
    public const int MinReasonLength = 10;

    public static (DrillDownGrantIssued? Issued, Dictionary<string, string[]> Errors) Issue(
        IssueGrant request, IReadOnlyCollection<string> schools, string caller, string callerName, Guid grantId, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.SchoolUrn) || !schools.Contains(request.SchoolUrn, StringComparer.Ordinal))
            errors["schoolUrn"] = ["Give the URN of one of the trust's schools, e.g. 141001."];
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < MinReasonLength)
            errors["reason"] = [$"Say why you need this school's detail (at least {MinReasonLength} characters); the school's DSL will see it."];
        else if (request.Reason.Length > 1000)
            errors["reason"] = ["Keep the reason under 1000 characters."];
        if (request.Hours is null or < 1 or > MaxHours)
            errors["hours"] = [$"Ask for between 1 and {MaxHours} hours."];
        return errors.Count > 0
            ? (null, errors)
            : (new DrillDownGrantIssued(grantId, request.SchoolUrn!, caller, callerName, request.Reason!.Trim(), now, now.AddHours(request.Hours!.Value)), errors);
    }

    public static bool AllowsRead(DrillDownGrant grant, string caller, DateTimeOffset now) =>
        grant.GrantedTo == caller && grant.StatusAt(now) == "active";
}
