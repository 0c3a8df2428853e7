using Marten;

namespace TrustSafety.Governance.Group;

public sealed record MeetingView(Guid Id, string Term, DateOnly HeldOn, string Attendees, string Notes, IReadOnlyList<GroupAction> Actions,
    IReadOnlyList<LessonView> Lessons, long Version);
public sealed record LessonView(Guid Id, Guid IncidentId, string IncidentLink, string Summary, string? PolicyCode, DateTimeOffset At,
    IReadOnlyList<Guid> DiscussedAt);

/// <summary>A meeting and a lesson learnt as the group's endpoints answer them.</summary>
public static class GroupViews
{
    public static async Task<MeetingView> ViewOf(IQuerySession session, GroupMeeting m, CancellationToken ct)
    {
        var lessons = m.Lessons.Count == 0 ? [] : await session.LoadManyAsync<LessonLearnt>(ct, m.Lessons);
        return new MeetingView(m.Id, m.Term, m.HeldOn, m.Attendees, m.Notes, m.Actions, lessons.Select(View).ToList(), m.Version);
    }

    public static LessonView View(LessonLearnt l) =>
        new(l.Id, l.IncidentId, $"#/incidents/{l.IncidentId}", l.Summary, l.PolicyCode, l.At, l.DiscussedAt);
}
