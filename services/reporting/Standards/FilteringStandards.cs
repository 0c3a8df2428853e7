using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Reporting.Standards;

public sealed record FilteringResponsibilitiesNamed(string SchoolUrn, string SltMember, string Governor, string By, DateTimeOffset At);
/// <summary>An annual review; <paramref name="Participants"/> and <paramref name="Checklist"/> are absent on reviews recorded before the checklist existed.</summary>
public sealed record FilteringReviewRecorded(string SchoolUrn, DateOnly ReviewedOn, string Outcome, DateOnly NextReviewDue, string By, DateTimeOffset At,
    ReviewParticipants? Participants = null, IReadOnlyList<ChecklistAnswer>? Checklist = null);

/// <summary>
/// A site or category blocked or allowed, and why: who asked, who approved it, until when (none: until changed). The
/// who-asked and who-approved fields are absent on decisions recorded before they existed; an unblock request's
/// decision names its request.
/// </summary>
public sealed record FilteringDecisionRecorded(string SchoolUrn, Guid DecisionId, string Kind, string What, string Reason, DateOnly DecidedOn,
    string By, DateTimeOffset At, string? RequestedBy = null, string? ApprovedBy = null, DateOnly? Until = null, Guid? UnblockRequestId = null);

/// <summary>
/// A member of staff asks for a blocked site to be unblocked (the over-blocking review's record). <paramref name="RequestedById"/>
/// (the asker's account id) lets them see the answer; it is absent on requests made before it existed, which are matched by name.
/// </summary>
public sealed record UnblockRequested(string SchoolUrn, Guid RequestId, string Site, string Reason, string RequestedBy, DateTimeOffset At,
    string? RequestedById = null);

/// <summary>The answer to an unblock request: <c>unblocked</c> (until a date, or for good) or <c>kept-blocked</c>, with why.</summary>
public sealed record UnblockRequestDecided(string SchoolUrn, Guid RequestId, string Outcome, string Reason, DateOnly? Until, string DecidedBy,
    DateTimeOffset At);

/// <summary>Who carried out the review: the DfE standards ask for the senior leadership team, the DSL and IT (the service provider).</summary>
public sealed record ReviewParticipants(string? Slt, string? Dsl, string? It);

/// <summary>One checklist item answered: done, or not done with the action that follows.</summary>
public sealed record ChecklistAnswer(string? Item, bool? Done, string? Note);

public sealed record ReviewEntry(DateOnly ReviewedOn, string Outcome, DateOnly NextReviewDue, string By,
    ReviewParticipants? Participants = null, IReadOnlyList<ChecklistAnswer>? Checklist = null);
public sealed record DecisionEntry(Guid Id, string Kind, string What, string Reason, DateOnly DecidedOn, string By,
    string? RequestedBy = null, string? ApprovedBy = null, DateOnly? Until = null, Guid? UnblockRequestId = null);

/// <summary>An unblock request and, once decided, its outcome and how long the decision took.</summary>
public sealed record UnblockRequestEntry(Guid Id, string Site, string Reason, string RequestedBy, DateTimeOffset RequestedAt,
    string? Outcome = null, string? DecisionReason = null, DateOnly? Until = null, string? DecidedBy = null, DateTimeOffset? DecidedAt = null,
    string? RequestedById = null)
{
    /// <summary>Whether this is the caller's own request: by account id, or by name for requests made before ids were kept.</summary>
    public bool AskedBy(string accountId, string name) => RequestedById is not null ? RequestedById == accountId : RequestedBy == name;

    public double? HoursToDecide => DecidedAt is { } at ? Math.Round((at - RequestedAt).TotalHours, 1) : null;
}

/// <summary>The annual review checklist (DfE "Meeting digital and technology standards": filtering and monitoring), each item owned by a role.</summary>
public static class ReviewChecklist
{
    public sealed record Item(string Code, string Role, string Text);

    public static readonly IReadOnlyList<Item> Items =
    [
        new("roles-assigned", "slt", "Roles and responsibilities for filtering and monitoring are assigned, and staff know them"),
        new("risk-profile", "dsl", "The pupils' risk profile was considered (age, SEND, EAL, known vulnerabilities)"),
        new("provision-listed", "it", "What filtering and monitoring is in place was listed, for every network, device and user group"),
        new("filter-tested", "it", "The filter was checked: illegal and harmful content is blocked (e.g. the SWGfL filter test) on each network"),
        new("over-blocking-reviewed", "slt", "Over-blocking was reviewed: unblock requests, their outcomes and the effect on teaching and learning"),
        new("monitoring-acted-on", "dsl", "Monitoring reports and alerts reach the DSL and are acted on"),
        new("staff-trained", "slt", "Staff were trained, and know how to report a concern or over-blocking"),
        new("governor-involved", "slt", "The responsible governor took part in, or was told the outcome of, the review"),
    ];

    public static readonly string[] Roles = ["slt", "dsl", "it"];
}

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
    public List<UnblockRequestEntry> UnblockRequests { get; set; } = [];
    public DateTimeOffset? UpdatedAt { get; set; }

    public static Guid StreamFor(string schoolUrn) => new(MD5.HashData(Encoding.UTF8.GetBytes("filtering-standards|" + schoolUrn)));

    public void Apply(FilteringResponsibilitiesNamed e) { SchoolUrn = e.SchoolUrn; SltMember = e.SltMember; Governor = e.Governor; UpdatedAt = e.At; }
    public void Apply(FilteringReviewRecorded e)
    {
        SchoolUrn = e.SchoolUrn;
        Reviews.Add(new(e.ReviewedOn, e.Outcome, e.NextReviewDue, e.By, e.Participants, e.Checklist));
        UpdatedAt = e.At;
    }
    public void Apply(FilteringDecisionRecorded e)
    {
        SchoolUrn = e.SchoolUrn;
        Decisions.Add(new(e.DecisionId, e.Kind, e.What, e.Reason, e.DecidedOn, e.By, e.RequestedBy, e.ApprovedBy, e.Until, e.UnblockRequestId));
        UpdatedAt = e.At;
    }
    public void Apply(UnblockRequested e)
    {
        SchoolUrn = e.SchoolUrn;
        UnblockRequests.Add(new(e.RequestId, e.Site, e.Reason, e.RequestedBy, e.At, RequestedById: e.RequestedById));
        UpdatedAt = e.At;
    }
    public void Apply(UnblockRequestDecided e)
    {
        var i = UnblockRequests.FindIndex(r => r.Id == e.RequestId);
        if (i >= 0) UnblockRequests[i] = UnblockRequests[i] with { Outcome = e.Outcome, DecisionReason = e.Reason, Until = e.Until, DecidedBy = e.DecidedBy, DecidedAt = e.At };
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
    public int UnblockRequests { get; set; }
    public int UnblockRequestsDecided { get; set; }
    public int UnblockRequestsUnblocked { get; set; }
    public double HoursToDecideTotal { get; set; }
    public Dictionary<Guid, DateTimeOffset> OpenUnblockRequests { get; set; } = [];

    public double? AverageHoursToDecide => UnblockRequestsDecided == 0 ? null : Math.Round(HoursToDecideTotal / UnblockRequestsDecided, 1);

    public void Apply(FilteringResponsibilitiesNamed e) { SchoolUrn = e.SchoolUrn; SltMember = e.SltMember; Governor = e.Governor; }
    public void Apply(FilteringReviewRecorded e)
    {
        SchoolUrn = e.SchoolUrn;
        if (LastReview is null || e.ReviewedOn >= LastReview.ReviewedOn) LastReview = new(e.ReviewedOn, e.Outcome, e.NextReviewDue, e.By, e.Participants, e.Checklist);
    }
    public void Apply(FilteringDecisionRecorded e) { SchoolUrn = e.SchoolUrn; Decisions++; }
    public void Apply(UnblockRequested e) { SchoolUrn = e.SchoolUrn; UnblockRequests++; OpenUnblockRequests[e.RequestId] = e.At; }
    public void Apply(UnblockRequestDecided e)
    {
        if (!OpenUnblockRequests.Remove(e.RequestId, out var requestedAt)) return;
        UnblockRequestsDecided++;
        if (e.Outcome == UnblockOutcomes.Unblocked) UnblockRequestsUnblocked++;
        HoursToDecideTotal += (e.At - requestedAt).TotalHours;
    }

    /// <summary>For the rebuild: the summary of evidence stored before summaries existed.</summary>
    public static StandardsSummary Of(FilteringStandardsEvidence e) => new()
    {
        Id = e.Id, SchoolUrn = e.SchoolUrn, SltMember = e.SltMember, Governor = e.Governor, LastReview = e.LastReview, Decisions = e.Decisions.Count,
        UnblockRequests = e.UnblockRequests.Count,
        UnblockRequestsDecided = e.UnblockRequests.Count(r => r.DecidedAt is not null),
        UnblockRequestsUnblocked = e.UnblockRequests.Count(r => r.Outcome == UnblockOutcomes.Unblocked),
        HoursToDecideTotal = e.UnblockRequests.Where(r => r.DecidedAt is not null).Sum(r => (r.DecidedAt!.Value - r.RequestedAt).TotalHours),
        OpenUnblockRequests = e.UnblockRequests.Where(r => r.DecidedAt is null).ToDictionary(r => r.Id, r => r.RequestedAt),
    };
}

public static class UnblockOutcomes
{
    public const string Unblocked = "unblocked";
    public const string KeptBlocked = "kept-blocked";
    public static readonly string[] All = [Unblocked, KeptBlocked];
}

/// <summary>The rule every free-text field of the standards evidence follows.</summary>
public static class StandardsFields
{
    public static void Required(Dictionary<string, string[]> errors, string field, string? value, string fix)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = [fix];
        else if (value.Length > 500) errors[field] = ["Keep it under 500 characters."];
    }
}
