using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Governance.SettingTrainingRequirements;

public sealed record SetRequirements(IReadOnlyList<TrainingRequirement>? Requirements);
public sealed record RoleRequirements(string Role, IReadOnlyList<TrainingRequirement> Requirements, bool IsDefault);

/// <summary>The training each role requires and how often: read, or set by the school (everyone in the role told their new position).</summary>
public static class SetTrainingRequirementsEndpoints
{
    public static void MapSetTrainingRequirements(this RouteGroupBuilder t)
    {
        t.MapGet("/requirements", Requirements).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingRequirements");
        t.MapPut("/requirements/{role}", SetRequirement).RequireAuthorization(GovernancePolicies.Manage).WithName("SetTrainingRequirements")
            .WithSummary("The training a role requires and how often (months); annual by default (If-Match: the requirements' ETag, \"0\" before any is set)")
            .ProducesChangeProblems();
    }

    private static async Task<Ok<List<RoleRequirements>>> Requirements(IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var set = await TrainingQueries.RequirementsOf(session, ct);
        response.SetETag(set.Version);
        return TypedResults.Ok(TrainingRules.Roles.Select(r => new RoleRequirements(r, set.For(r), !set.ByRole.ContainsKey(r))).ToList());
    }

    private static async Task<Results<Ok<RoleRequirements>, ValidationProblem, ProblemHttpResult>> SetRequirement(string role, SetRequirements body,
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().OneOf(role, "role", TrainingRules.Roles)
            .Require(body.Requirements is { Count: > 0 and <= 10 }, "requirements", "List 1-10 requirements: { kind, intervalMonths }.");
        foreach (var r in body.Requirements ?? [])
            v.OneOf(r?.Kind, "requirements.kind", TrainingRules.Kinds)
             .Require(r is { IntervalMonths: >= 1 and <= 60 }, "requirements.intervalMonths", "Give 1-60 months (12 = annual).");
        v.Require(body.Requirements is null || body.Requirements.Select(r => r?.Kind).Distinct(StringComparer.Ordinal).Count() == body.Requirements.Count,
            "requirements", "Name each kind once.");
        if (!v.IsValid) return v.Problem();
        var inRole = await session.Query<StaffTraining>().Where(p => p.Role == role).ToListAsync(http.RequestAborted);
        return await Change.ApplyOrStart<TrainingRequirements, RoleRequirements>(http, session, user, clock, StreamIds.TrainingRequirements,
            (_, actor, now) => TrainingRules.SetRequirements(role, body.Requirements!.ToList(), inRole, actor.Id, now),
            _ => Task.FromResult(new RoleRequirements(role, body.Requirements!.ToList(), false)));
    }
}
