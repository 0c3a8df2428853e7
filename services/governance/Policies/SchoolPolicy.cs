using Marten.Metadata;

namespace TrustSafety.Governance.Policies;

public sealed record PolicyRegistered(string Code, string Title, string By, DateTimeOffset At);
public sealed record PolicyVersionApproved(string Code, int Version, string VersionLabel, string ApprovedBy, DateOnly ApprovedOn,
    DateOnly NextReviewOn, string? DocumentUrl, string RecordedBy, DateTimeOffset At);
public sealed record PolicyReviewedWithoutChange(string Code, DateOnly ReviewedOn, string ReviewedBy, DateOnly NextReviewOn, string RecordedBy,
    DateTimeOffset At);
/// <summary>A review asked for before the annual date, e.g. from an incident's lessons learnt (the lesson's link, never case text).</summary>
public sealed record PolicyReviewRequested(string Code, string Reason, DateOnly DueOn, Guid? LessonId, Guid? IncidentId, string By, DateTimeOffset At);

/// <summary>The policy's review date after a change (what reporting and the governor pack learn).</summary>
public sealed record PolicyReviewDueSet(string Code, string Title, int Version, DateOnly DueOn, string? Reason, DateTimeOffset At);

public sealed record PolicyVersion(int Version, string Label, string ApprovedBy, DateOnly ApprovedOn, DateOnly NextReviewOn, string? DocumentUrl);
public sealed record ReviewRequest(string Reason, DateOnly DueOn, Guid? LessonId, Guid? IncidentId, DateTimeOffset At);

/// <summary>One policy of the school's register (online safety, AUPs, filtering and monitoring, mobile phones, remote learning…).</summary>
public sealed class SchoolPolicy : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public List<PolicyVersion> Versions { get; set; } = [];
    public DateOnly? LastReviewedOn { get; set; }
    public DateOnly? NextReviewOn { get; set; }
    /// <summary>Requests made since the last approval or review; cleared by the next one.</summary>
    public List<ReviewRequest> OpenRequests { get; set; } = [];

    public PolicyVersion? Current => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>The day the next review is due: the annual date, or an earlier requested one; null before a version is approved.</summary>
    public DateOnly? ReviewDueOn => OpenRequests.Select(r => (DateOnly?)r.DueOn).Append(NextReviewOn).Where(d => d is not null).Min();

    public static SchoolPolicy Create(PolicyRegistered e) => new() { Code = e.Code, Title = e.Title };
    public void Apply(PolicyRegistered e) => Title = e.Title;
    public void Apply(PolicyVersionApproved e)
    {
        Versions.Add(new(e.Version, e.VersionLabel, e.ApprovedBy, e.ApprovedOn, e.NextReviewOn, e.DocumentUrl));
        LastReviewedOn = e.ApprovedOn;
        NextReviewOn = e.NextReviewOn;
        OpenRequests.Clear();
    }
    public void Apply(PolicyReviewedWithoutChange e)
    {
        LastReviewedOn = e.ReviewedOn;
        NextReviewOn = e.NextReviewOn;
        OpenRequests.Clear();
    }
    public void Apply(PolicyReviewRequested e) => OpenRequests.Add(new(e.Reason, e.DueOn, e.LessonId, e.IncidentId, e.At));
    public void Apply(PolicyReviewDueSet e) { }
}

public sealed record PolicyStatus(string Code, string Title, int? Version, string? VersionLabel, string? ApprovedBy, DateOnly? ApprovedOn,
    DateOnly? LastReviewedOn, DateOnly? ReviewDueOn, string State, IReadOnlyList<ReviewRequest> OpenRequests, long StreamVersion);

/// <summary>Pure rules of the policy register.</summary>
public static class PolicyRules
{
    /// <summary>The policies the DfE and the seed policies expect a school to keep (any other kebab-case code may be added).</summary>
    public static readonly IReadOnlyDictionary<string, string> Suggested = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["online-safety"] = "Online safety policy",
        ["aup-staff"] = "Staff acceptable use policy",
        ["aup-pupil"] = "Pupil acceptable use policy",
        ["filtering-monitoring"] = "Filtering and monitoring policy",
        ["mobile-phones"] = "Mobile phones and personal devices policy",
        ["remote-learning"] = "Remote learning policy",
    };
    public const int AnnualMonths = 12;
    public const int DueSoonDays = 30;

    public static string StateOf(SchoolPolicy p, DateOnly today) => p.ReviewDueOn switch
    {
        null => "not-approved",
        { } due when due < today => "overdue",
        { } due when due < today.AddDays(DueSoonDays) => "due-soon",
        _ => p.OpenRequests.Count > 0 ? "review-requested" : "current",
    };

    public static PolicyStatus Status(SchoolPolicy p, DateOnly today) =>
        new(p.Code, p.Title, p.Current?.Version, p.Current?.Label, p.Current?.ApprovedBy, p.Current?.ApprovedOn, p.LastReviewedOn,
            p.ReviewDueOn, StateOf(p, today), p.OpenRequests, p.Version);

    /// <summary>The decision's events, then (when the review date is known) the review date they leave: one more event.</summary>
    public static IReadOnlyList<object> WithReviewDue(SchoolPolicy? policy, IReadOnlyList<object> events, DateTimeOffset at)
    {
        if (events.Count == 0) return events;
        var after = policy is null ? new SchoolPolicy() : Copies.Of(policy);
        foreach (var e in events)
        {
            switch (e)
            {
                case PolicyRegistered x: after.Code = x.Code; after.Apply(x); break;
                case PolicyVersionApproved x: after.Apply(x); break;
                case PolicyReviewedWithoutChange x: after.Apply(x); break;
                case PolicyReviewRequested x: after.Apply(x); break;
            }
        }
        if (after.ReviewDueOn is not { } due || after.Current is not { } current) return events;
        var reason = after.OpenRequests.Where(r => r.DueOn == due).Select(r => r.Reason).FirstOrDefault();
        return [.. events, new PolicyReviewDueSet(after.Code, after.Title, current.Version, due, reason, at)];
    }

    public static Decision Register(SchoolPolicy? policy, string code, string title, string by, DateTimeOffset at) =>
        policy?.Title == title ? Decision.Nothing : Decision.Accept(new PolicyRegistered(code, title, by, at));

    /// <summary>A new version approved on a past or present day; the next review is a year on unless an earlier date is given.</summary>
    public static Decision Approve(SchoolPolicy? policy, string? label, string approvedBy, DateOnly approvedOn, DateOnly? nextReviewOn, string? documentUrl,
        DateOnly today, string by, DateTimeOffset at)
    {
        if (policy is null) return Decision.NotFound("Policy not found", "No policy with that code is on the register; add it first.");
        if (approvedOn > today) return Decision.Unprocessable("Approval in the future", "Record the approval once the governors or head have approved it.");
        if (policy.Current is { } current && approvedOn < current.ApprovedOn)
            return Decision.Unprocessable("Older than the current version",
                $"Version {current.Label} was approved on {current.ApprovedOn:yyyy-MM-dd}; a new version cannot be approved before it.");
        var next = nextReviewOn ?? approvedOn.AddMonths(AnnualMonths);
        if (next <= approvedOn || next > approvedOn.AddYears(3))
            return Decision.Unprocessable("Next review out of range", "The next review must fall after approval and within three years.");
        var version = (policy.Current?.Version ?? 0) + 1;
        return Decision.Accept(new PolicyVersionApproved(policy.Code, version, label ?? version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            approvedBy, approvedOn, next, documentUrl, by, at));
    }

    public static Decision ReviewWithoutChange(SchoolPolicy? policy, string reviewedBy, DateOnly reviewedOn, DateOnly? nextReviewOn, DateOnly today,
        string by, DateTimeOffset at)
    {
        if (policy is null) return Decision.NotFound("Policy not found", "No policy with that code is on the register.");
        if (policy.Current is null) return Decision.Conflict("No approved version", "Approve a first version before recording a review.");
        if (reviewedOn > today) return Decision.Unprocessable("Review in the future", "Record the review once it has happened.");
        var next = nextReviewOn ?? reviewedOn.AddMonths(AnnualMonths);
        if (next <= reviewedOn || next > reviewedOn.AddYears(3))
            return Decision.Unprocessable("Next review out of range", "The next review must fall after this review and within three years.");
        return Decision.Accept(new PolicyReviewedWithoutChange(policy.Code, reviewedOn, reviewedBy, next, by, at));
    }

    public static Decision RequestReview(SchoolPolicy? policy, string reason, DateOnly dueOn, Guid? lessonId, Guid? incidentId, DateOnly today,
        string by, DateTimeOffset at)
    {
        if (policy is null) return Decision.NotFound("Policy not found", "No policy with that code is on the register.");
        if (dueOn < today) return Decision.Unprocessable("Due date passed", "A requested review must be due today or later.");
        if (lessonId is not null && policy.OpenRequests.Any(r => r.LessonId == lessonId)) return Decision.Nothing;
        return Decision.Accept(new PolicyReviewRequested(policy.Code, reason, dueOn, lessonId, incidentId, by, at));
    }
}
