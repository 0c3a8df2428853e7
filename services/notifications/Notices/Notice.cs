using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;

namespace TrustSafety.Notifications.Notices;

public enum Urgency { Routine, High, Immediate }

/// <summary>Who in a school sees a notice: allegations against staff only the DSL and the headteacher, as in every service.</summary>
/// <remarks>Person: one named member of staff (<see cref="Notice.RecipientId"/>), e.g. the colleague given a task.</remarks>
public enum Audience { SafeguardingTeam, AllegationReaders, TrustLead, Person }

/// <param name="Key">The fact it tells of (<c>incident-reported:{id}</c>): one notice and one email per recipient per key, however often the message comes.</param>
/// <param name="Title">In-app only (behind sign-in): what happened in words, never a pupil's name (integration events carry none).</param>
/// <param name="LinkPath">Dashboard route the notice and its email link to, relative to <c>Notifications:DashboardBaseUrl</c>.</param>
/// <param name="Email">Whether the safeguarding team is emailed at once.</param>
/// <param name="RecipientId">With <see cref="Audience.Person"/>: the one person (user id) it is for.</param>
public sealed record Notice(
    string Key, string SchoolUrn, string Kind, Urgency Urgency, Audience Audience, string Title, string LinkPath, bool Email,
    DateTimeOffset At, string? RecipientId = null);

/// <summary>
/// What the safeguarding team is told about each integration event, decided without I/O. Every seed policy asks for new
/// concerns to reach the DSL immediately; alerts of severity ≥ 4, IWF / CTIRU and self-harm are emailed at once.
/// </summary>
public static class NoticeRules
{
    public const string TrustTenant = "trust";
    public const int EmailSeverity = 4;
    private static readonly HashSet<string> AlwaysImmediate = ["illegal-iwf", "illegal-ctiru", "self-harm"];

    public static Notice For(IncidentReported e) => new(
        $"incident-reported:{e.IncidentId}", e.SchoolUrn, "concern-reported",
        e.AllegationAgainstStaff ? Urgency.Immediate : Urgency.High,
        e.AllegationAgainstStaff ? Audience.AllegationReaders : Audience.SafeguardingTeam,
        e.AllegationAgainstStaff
            ? "An allegation about a member of staff was reported"
            : e.Source == "filter-alert"
                ? "A concern was opened from a filtering alert"
                : "A new concern was reported" + (e.Category is null ? "" : $" ({e.Category})"),
        $"#/incidents/{e.IncidentId}",
        // A concern opened from a filter alert follows the alert's own email: one email for one thing that happened.
        Email: e.Source != "filter-alert",
        e.OccurredAt);

    public static Notice For(SafeguardingAlertRaised e) => new(
        $"safeguarding-alert:{e.AlertId}", e.SchoolUrn, "safeguarding-alert", AlertUrgency(e.Category, e.Severity),
        Audience.SafeguardingTeam,
        $"A {e.Category} filtering alert of severity {e.Severity} from {e.Vendor}",
        "#/alerts",
        Email: e.Severity >= EmailSeverity || AlwaysImmediate.Contains(e.Category),
        e.OccurredAt);

    public static Notice For(UnattributedAlertRaised e) => new(
        $"unattributed-alert:{e.AlertId}", TrustTenant, "unattributed-alert", AlertUrgency(e.Category, e.Severity),
        Audience.TrustLead,
        $"A {e.Category} alert of severity {e.Severity} could not be matched to a school",
        "#/trust",
        Email: e.Severity >= EmailSeverity || AlwaysImmediate.Contains(e.Category),
        e.OccurredAt);

    public static Notice For(ReferralMade e) => new(
        $"referral-made:{e.ReferralId}", e.SchoolUrn, "referral-made", Urgency.Routine, Audience.SafeguardingTeam,
        $"A referral to {e.Destination} was made; an outcome is due by {e.DueOn:yyyy-MM-dd}",
        $"#/incidents/{e.IncidentId}", Email: false, e.OccurredAt);

    public static Notice For(ReferralOutcomeRecorded e) => new(
        $"referral-outcome:{e.ReferralId}", e.SchoolUrn, "referral-outcome-recorded", Urgency.Routine, Audience.SafeguardingTeam,
        $"The outcome of a referral to {e.Destination} was recorded",
        $"#/incidents/{e.IncidentId}", Email: false, e.OccurredAt);

    /// <summary>The same notice as v1 (same id, so a v1 and a v2 delivery of one outcome tell once); the code is not in it.</summary>
    public static Notice For(ReferralOutcomeRecordedV2 e) => For(new ReferralOutcomeRecorded(e.IncidentId, e.ReferralId, e.SchoolUrn, e.OccurredAt,
        e.Destination, ""));

    /// <summary>A child in immediate danger: the most urgent notice there is, emailed at once (issue 15).</summary>
    public static Notice For(ImmediateDangerRaised e) => new(
        $"immediate-danger:{e.IncidentId}", e.SchoolUrn, "immediate-danger", Urgency.Immediate,
        e.AllegationAgainstStaff ? Audience.AllegationReaders : Audience.SafeguardingTeam,
        e.EmergencyServicesCalled
            ? "A child is in immediate danger: 999 / the police were called"
            : "A child may be in immediate danger: call 999 / the police now if nobody has",
        $"#/incidents/{e.IncidentId}", Email: true, e.OccurredAt);

    /// <summary>To the colleague given a task: in-app and by email (the task's words stay behind sign-in).</summary>
    public static Notice For(TaskAssigned e) => new(
        $"task-assigned:{e.TaskId}", e.SchoolUrn, "task-assigned", Urgency.Routine, Audience.Person,
        $"You have been given a task on a safeguarding incident, due by {e.DueOn:yyyy-MM-dd}",
        "#/tasks", Email: true, e.OccurredAt, e.AssigneeId);

    /// <summary>To whoever gave the task, in-app only.</summary>
    public static Notice? For(TaskCompleted e, string? assignedBy) => assignedBy is null ? null : new(
        $"task-completed:{e.TaskId}", e.SchoolUrn, "task-completed", Urgency.Routine, Audience.Person,
        "A task you gave on a safeguarding incident was completed",
        $"#/incidents/{e.IncidentId}", Email: false, e.OccurredAt, assignedBy);

    /// <summary>To the trust lead when a school has nobody who would receive an urgent email.</summary>
    public static Notice NobodyReceiving(Notice unsent, string schoolName) => new(
        $"nobody-receiving:{unsent.SchoolUrn}:{unsent.Key}", TrustTenant, "nobody-receiving", unsent.Urgency, Audience.TrustLead,
        $"{schoolName} has nobody receiving safeguarding emails: an urgent notice reached no one by email. "
        + "Ask the school's DSL or deputy to set their email address in TrustSafety.",
        "#/trust", Email: true, unsent.At);

    public static Urgency AlertUrgency(string category, int severity) =>
        AlwaysImmediate.Contains(category) || severity >= 5 ? Urgency.Immediate : severity >= EmailSeverity ? Urgency.High : Urgency.Routine;

    /// <summary>A stable id from a key (UUID v5-like, SHA-1), so a retried write lands on the same document or stream.</summary>
    public static Guid IdOf(string key)
    {
        var hash = System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(key));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
