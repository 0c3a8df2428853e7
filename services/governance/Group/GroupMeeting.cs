using Marten.Metadata;
using TrustSafety.Governance.Incidents;

namespace TrustSafety.Governance.Group;

public sealed record GroupMeetingHeld(Guid MeetingId, string Term, DateOnly HeldOn, string Attendees, string Notes, string By, DateTimeOffset At);
public sealed record GroupActionAgreed(Guid MeetingId, Guid ActionId, string Description, string Owner, DateOnly DueOn, Guid? LessonId, string By,
    DateTimeOffset At);
public sealed record GroupActionStatusChanged(Guid MeetingId, Guid ActionId, string Status, string? Note, string By, DateTimeOffset At);
public sealed record LessonDiscussed(Guid MeetingId, Guid LessonId, string By, DateTimeOffset At);

public sealed record GroupAction(Guid ActionId, string Description, string Owner, DateOnly DueOn, string Status, string? Note, Guid? LessonId);

/// <summary>One termly meeting of the online-safety group: who came, the notes, the actions agreed and lessons discussed.</summary>
public sealed class GroupMeeting : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string Term { get; set; } = "";
    public DateOnly HeldOn { get; set; }
    public string Attendees { get; set; } = "";
    public string Notes { get; set; } = "";
    public List<GroupAction> Actions { get; set; } = [];
    public List<Guid> Lessons { get; set; } = [];

    public static GroupMeeting Create(GroupMeetingHeld e) =>
        new() { Id = e.MeetingId, Term = e.Term, HeldOn = e.HeldOn, Attendees = e.Attendees, Notes = e.Notes };
    public void Apply(GroupActionAgreed e) => Actions.Add(new(e.ActionId, e.Description, e.Owner, e.DueOn, GroupRules.Open, null, e.LessonId));
    public void Apply(GroupActionStatusChanged e)
    {
        var i = Actions.FindIndex(a => a.ActionId == e.ActionId);
        if (i >= 0) Actions[i] = Actions[i] with { Status = e.Status, Note = e.Note };
    }
    public void Apply(LessonDiscussed e) { if (!Lessons.Contains(e.LessonId)) Lessons.Add(e.LessonId); }
}

public sealed record LessonLearntRecorded(Guid LessonId, Guid IncidentId, string Summary, string? PolicyCode, string By, DateTimeOffset At);

/// <summary>
/// A lesson learnt from a closed incident: a link to the case and the DSL's own summary for the group. Nothing of the
/// case's text is copied; governance holds only the incident id and the day it closed (from <c>IncidentClosed</c>).
/// </summary>
public sealed class LessonLearnt : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public Guid IncidentId { get; set; }
    public string Summary { get; set; } = "";
    public string? PolicyCode { get; set; }
    public string By { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public List<Guid> DiscussedAt { get; set; } = [];

    public static LessonLearnt Create(LessonLearntRecorded e) =>
        new() { Id = e.LessonId, IncidentId = e.IncidentId, Summary = e.Summary, PolicyCode = e.PolicyCode, By = e.By, At = e.At };
    public void Apply(LessonDiscussed e) { if (!DiscussedAt.Contains(e.MeetingId)) DiscussedAt.Add(e.MeetingId); }
}

public static class GroupRules
{
    public const string Open = "open";
    public static readonly string[] Statuses = [Open, "in-progress", "done", "dropped"];

    public static Decision Hold(Guid meetingId, DateOnly heldOn, string attendees, string notes, DateOnly today, string by, DateTimeOffset at)
    {
        if (heldOn > today.AddDays(60))
            return Decision.Unprocessable("Meeting too far ahead", "Record a meeting that has happened or is within the next 60 days.");
        return Decision.Accept(new GroupMeetingHeld(meetingId, SchoolDay.TermOf(heldOn), heldOn, attendees, notes, by, at));
    }

    public static Decision Agree(GroupMeeting? meeting, Guid actionId, string description, string owner, DateOnly dueOn, LessonLearnt? lesson,
        string by, DateTimeOffset at)
    {
        if (meeting is null) return Decision.NotFound("Meeting not found", "No group meeting with that id in your school.");
        if (dueOn < meeting.HeldOn) return Decision.Unprocessable("Due before the meeting", "An action is due on or after the meeting that agreed it.");
        var events = new List<object> { new GroupActionAgreed(meeting.Id, actionId, description, owner, dueOn, lesson?.Id, by, at) };
        if (lesson is not null && !meeting.Lessons.Contains(lesson.Id)) events.Add(new LessonDiscussed(meeting.Id, lesson.Id, by, at));
        return new Decision(events, null);
    }

    public static Decision ChangeStatus(GroupMeeting? meeting, Guid actionId, string status, string? note, string by, DateTimeOffset at)
    {
        if (meeting is null) return Decision.NotFound("Meeting not found", "No group meeting with that id in your school.");
        var action = meeting.Actions.FirstOrDefault(a => a.ActionId == actionId);
        if (action is null) return Decision.NotFound("Action not found", "That meeting agreed no action with that id.");
        if (action.Status == status && action.Note == note) return Decision.Nothing;
        return Decision.Accept(new GroupActionStatusChanged(meeting.Id, actionId, status, note, by, at));
    }

    /// <summary>Only a closed incident of the school teaches a lesson; the summary is the DSL's own words.</summary>
    public static Decision Learn(ClosedIncident? incident, Guid lessonId, Guid incidentId, string summary, string? policyCode, string by, DateTimeOffset at)
    {
        if (incident is null)
            return Decision.NotFound("Incident not found", "No incident with that id is known in your school (it may not have reached governance yet).");
        if (!incident.Closed)
            return Decision.Conflict("Incident not closed", "Lessons learnt are recorded once the incident is closed.");
        return Decision.Accept(new LessonLearntRecorded(lessonId, incidentId, summary, policyCode, by, at));
    }

    public static bool IsOverdue(GroupAction action, DateOnly today) => action.Status is Open or "in-progress" && action.DueOn < today;
}
