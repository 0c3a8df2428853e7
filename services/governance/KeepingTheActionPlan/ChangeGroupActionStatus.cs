using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Group;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Governance.KeepingTheActionPlan;

public sealed record ChangeActionStatus(string? Status, string? Note);

/// <summary>An action followed up: open, in-progress, done or dropped, with a note.</summary>
public static class ChangeGroupActionStatusEndpoint
{
    public static void MapChangeGroupActionStatus(this RouteGroupBuilder g) =>
        g.MapPost("/meetings/{meetingId:guid}/actions/{actionId:guid}/status", ChangeStatus).RequireAuthorization(GovernancePolicies.Manage)
            .WithName("ChangeGroupActionStatus").WithSummary("open, in-progress, done or dropped (If-Match)").ProducesChangeProblems();

    private static async Task<Results<Ok<MeetingView>, ValidationProblem, ProblemHttpResult>> ChangeStatus(Guid meetingId, Guid actionId,
        ChangeActionStatus body, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().OneOf(body.Status, "status", GroupRules.Statuses).Optional(body.Note, "note", 1000);
        if (!v.IsValid) return v.Problem();
        var note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim();
        return await MeetingChange.Apply(meetingId, http, session, user, clock,
            (m, actor, now) => GroupRules.ChangeStatus(m, actionId, body.Status!, note, actor.Id, now));
    }
}
