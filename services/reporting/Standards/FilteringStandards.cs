using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Reporting.Standards;

public sealed record FilteringResponsibilitiesNamed(string SchoolUrn, string SltMember, string Governor, string By, DateTimeOffset At);
public sealed record FilteringReviewRecorded(string SchoolUrn, DateOnly ReviewedOn, string Outcome, DateOnly NextReviewDue, string By, DateTimeOffset At);
public sealed record FilteringDecisionRecorded(string SchoolUrn, Guid DecisionId, string Kind, string What, string Reason, DateOnly DecidedOn,
    string By, DateTimeOffset At);

public sealed record ReviewEntry(DateOnly ReviewedOn, string Outcome, DateOnly NextReviewDue, string By);
public sealed record DecisionEntry(Guid Id, string Kind, string What, string Reason, DateOnly DecidedOn, string By);

/// <summary>A school's evidence for the DfE filtering and monitoring standards (one stream per school).</summary>
public sealed class FilteringStandardsEvidence
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string? SltMember { get; set; }
    public string? Governor { get; set; }
    public List<ReviewEntry> Reviews { get; set; } = [];
    public List<DecisionEntry> Decisions { get; set; } = [];
    public DateTimeOffset? UpdatedAt { get; set; }

    public static Guid StreamFor(string schoolUrn) => new(MD5.HashData(Encoding.UTF8.GetBytes("filtering-standards|" + schoolUrn)));

    public void Apply(FilteringResponsibilitiesNamed e) { SchoolUrn = e.SchoolUrn; SltMember = e.SltMember; Governor = e.Governor; UpdatedAt = e.At; }
    public void Apply(FilteringReviewRecorded e) { SchoolUrn = e.SchoolUrn; Reviews.Add(new(e.ReviewedOn, e.Outcome, e.NextReviewDue, e.By)); UpdatedAt = e.At; }
    public void Apply(FilteringDecisionRecorded e)
    {
        SchoolUrn = e.SchoolUrn;
        Decisions.Add(new(e.DecisionId, e.Kind, e.What, e.Reason, e.DecidedOn, e.By));
        UpdatedAt = e.At;
    }

    public ReviewEntry? LastReview => Reviews.OrderBy(r => r.ReviewedOn).LastOrDefault();
}

/// <summary>
/// What views across schools (trust standards, packs) need of a school's standards evidence, projected from the same
/// events: a fixed size however long the school's register of decisions and reviews grows.
/// </summary>
public sealed class StandardsSummary
{
    public Guid Id { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string? SltMember { get; set; }
    public string? Governor { get; set; }
    public ReviewEntry? LastReview { get; set; }
    public int Decisions { get; set; }

    public void Apply(FilteringResponsibilitiesNamed e) { SchoolUrn = e.SchoolUrn; SltMember = e.SltMember; Governor = e.Governor; }
    public void Apply(FilteringReviewRecorded e)
    {
        SchoolUrn = e.SchoolUrn;
        if (LastReview is null || e.ReviewedOn >= LastReview.ReviewedOn) LastReview = new(e.ReviewedOn, e.Outcome, e.NextReviewDue, e.By);
    }
    public void Apply(FilteringDecisionRecorded e) { SchoolUrn = e.SchoolUrn; Decisions++; }

    /// <summary>For the rebuild: the summary of evidence stored before summaries existed.</summary>
    public static StandardsSummary Of(FilteringStandardsEvidence e) => new()
    {
        Id = e.Id, SchoolUrn = e.SchoolUrn, SltMember = e.SltMember, Governor = e.Governor, LastReview = e.LastReview, Decisions = e.Decisions.Count,
    };
}

public sealed record NameResponsibilities(string? SltMember, string? Governor);
public sealed record RecordReview(DateOnly? ReviewedOn, string? Outcome, DateOnly? NextReviewDue);
public sealed record RecordDecision(string? Kind, string? What, string? Reason, DateOnly? DecidedOn);

/// <summary>Pure validation of standards evidence; every bad field is named with its fix.</summary>
public static class StandardsDecisions
{
    public static readonly string[] DecisionKinds = ["block", "allow"];

    public static Dictionary<string, string[]> Check(NameResponsibilities c)
    {
        var errors = new Dictionary<string, string[]>();
        Required(errors, "sltMember", c.SltMember, "Name the senior leader responsible for filtering and monitoring.");
        Required(errors, "governor", c.Governor, "Name the governor who oversees filtering and monitoring.");
        return errors;
    }

    public static Dictionary<string, string[]> Check(RecordReview c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (c.ReviewedOn is null) errors["reviewedOn"] = ["Give the review date, e.g. 2026-09-15."];
        else if (c.ReviewedOn > today) errors["reviewedOn"] = ["A review cannot be dated in the future."];
        Required(errors, "outcome", c.Outcome, "Summarise the outcome of the review.");
        if (c.NextReviewDue is { } due && c.ReviewedOn is { } on && due <= on) errors["nextReviewDue"] = ["The next review must be after this one."];
        return errors;
    }

    public static Dictionary<string, string[]> Check(RecordDecision c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (c.Kind is null || !DecisionKinds.Contains(c.Kind)) errors["kind"] = ["Use kind 'block' or 'allow'."];
        Required(errors, "what", c.What, "Say what is blocked or allowed (a category, site or service).");
        Required(errors, "reason", c.Reason, "Give the reason for the decision.");
        if (c.DecidedOn is null) errors["decidedOn"] = ["Give the decision date, e.g. 2026-09-15."];
        else if (c.DecidedOn > today) errors["decidedOn"] = ["A decision cannot be dated in the future."];
        return errors;
    }

    private static void Required(Dictionary<string, string[]> errors, string field, string? value, string fix)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [fix];
        else if (value.Length > 500) errors[field] = ["Keep it under 500 characters."];
    }
}
