using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Group;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.HoldingGroupMeetings;

public sealed record HoldMeeting(string? HeldOn, string? Attendees, string? Notes);

/// <summary>A termly meeting of the online-safety group recorded (it starts its own stream), and the meetings read back.</summary>
public static class HoldGroupMeetingEndpoints
{
    public static void MapHoldGroupMeeting(this RouteGroupBuilder g)
    {
        g.MapGet("/meetings", Meetings).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListGroupMeetings");
        g.MapPost("/meetings", Hold).RequireAuthorization(GovernancePolicies.Manage).WithName("RecordGroupMeeting")
            .WithSummary("A termly meeting of the online-safety group: date, who attended, notes");
        g.MapGet("/meetings/{meetingId:guid}", Meeting).RequireAuthorization(GovernancePolicies.Oversee).WithName("GetGroupMeeting");
    }

    private static async Task<Ok<List<MeetingView>>> Meetings(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok((await session.Query<GroupMeeting>().ToListAsync(ct)).OrderByDescending(m => m.HeldOn)
            .Select(m => new MeetingView(m.Id, m.Term, m.HeldOn, m.Attendees, m.Notes, m.Actions, [], m.Version)).ToList());

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Meeting(Guid meetingId, IQuerySession session, HttpResponse response,
        CancellationToken ct)
    {
        var m = await session.LoadAsync<GroupMeeting>(meetingId, ct);
        if (m is null) return Rejections.NotFound("Meeting");
        response.SetETag(m.Version);
        return TypedResults.Ok(await GroupViews.ViewOf(session, m, ct));
    }

    private static async Task<Results<Created<MeetingView>, ValidationProblem, ProblemHttpResult>> Hold(HoldMeeting body,
        IDocumentSession session, SchoolDay day, CurrentUser user, HttpResponse response, CancellationToken ct)
    {
        var v = new FieldErrors().Text(body.Attendees, "attendees", 1000).Text(body.Notes, "notes", 20_000);
        var heldOn = v.RequiredDate(body.HeldOn, "heldOn");
        if (!v.IsValid) return v.Problem();
        var id = Guid.CreateVersion7();
        var outcome = GroupRules.Hold(id, heldOn!.Value, body.Attendees!.Trim(), body.Notes!.Trim(), day.Today, user.Id, day.Now);
        if (outcome.Rejection is { } rejected) return rejected.As<Created<MeetingView>>();
        session.Events.StartStream<GroupMeeting>(id, outcome.Events.ToArray());
        await session.SaveChangesAsync(ct);
        var m = (await session.LoadAsync<GroupMeeting>(id, ct))!;
        response.SetETag(m.Version);
        return TypedResults.Created($"/group/meetings/{id}", await GroupViews.ViewOf(session, m, ct));
    }
}
