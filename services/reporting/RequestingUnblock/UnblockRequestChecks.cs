using TrustSafety.Reporting.Standards;

namespace TrustSafety.Reporting.RequestingUnblock;

public sealed record RequestUnblock(string? Site, string? Reason);
public sealed record DecideUnblockRequest(string? Outcome, string? Reason, DateOnly? Until);

/// <summary>Pure validation of an unblock request and of its answer; every bad field is named with its fix.</summary>
public static class UnblockRequestChecks
{
    public static Dictionary<string, string[]> Check(RequestUnblock c)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        StandardsFields.Required(errors, "site", c.Site, "Say which site or page is blocked, e.g. www.example.org/lesson.");
        StandardsFields.Required(errors, "reason", c.Reason, "Say why it is needed for teaching or learning.");
        return errors;
    }

    public static Dictionary<string, string[]> Check(DecideUnblockRequest c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (c.Outcome is null || !UnblockOutcomes.All.Contains(c.Outcome)) errors["outcome"] = ["Use outcome 'unblocked' or 'kept-blocked'."];
        StandardsFields.Required(errors, "reason", c.Reason, "Give the reason for the decision; the person who asked is told it.");
        if (c.Until is { } until && until <= today) errors["until"] = ["An unblock must last until a future date; leave until out for no end date."];
        if (c.Until is not null && c.Outcome == UnblockOutcomes.KeptBlocked) errors["until"] = ["Only an unblock has an end date; leave until out."];
        return errors;
    }
}
