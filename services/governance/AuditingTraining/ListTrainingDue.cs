using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Governance.Training;

namespace TrustSafety.Governance.AuditingTraining;

public sealed record DueItem(string PersonId, string Name, string Role, string Kind, string Label, DateOnly? DueOn, string State);

/// <summary>What is to chase: training overdue, never done or falling due, and inductions overdue, for everyone still here.</summary>
public static class ListTrainingDueEndpoint
{
    public static void MapListTrainingDue(this RouteGroupBuilder t) =>
        t.MapGet("/due", Due).RequireAuthorization(GovernancePolicies.Oversee).WithName("ListTrainingDue")
            .WithSummary("Training overdue, never done or due within 30 days (or withinDays), and inductions overdue");

    private static async Task<Results<Ok<List<DueItem>>, ValidationProblem>> Due(int? withinDays, IQuerySession session, SchoolDay day,
        CancellationToken ct)
    {
        var v = new FieldErrors().Require(withinDays is null or >= 0 and <= 365, "withinDays", "Give 0-365 days, or leave it out for 30.");
        if (!v.IsValid) return v.Problem();
        var horizon = day.Today.AddDays(withinDays ?? TrainingRules.DueSoonDays);
        var requirements = await TrainingQueries.RequirementsOf(session, ct);
        var items = new List<DueItem>();
        foreach (var p in (await session.Query<StaffTraining>().ToListAsync(ct)).Where(p => p.Active))
        {
            var s = TrainingRules.Status(p, requirements.For(p.Role), day.Today);
            if (!s.InductionComplete)
                items.Add(new(p.PersonId, p.Name, p.Role, "induction", "Induction (policy read, AUP signed)", s.InductionDueOn,
                    s.InductionOverdue ? "overdue" : "due"));
            foreach (var k in s.Training.Where(k => k.ValidUntil is null || k.ValidUntil < horizon))
                items.Add(new(p.PersonId, p.Name, p.Role, k.Kind, TrainingRules.KindLabel(k.Kind), k.ValidUntil?.AddDays(1),
                    k.State switch { TrainingState.NeverDone => "never-done", TrainingState.Overdue => "overdue", _ => "due" }));
        }
        return TypedResults.Ok(items.OrderBy(i => i.State == "due").ThenBy(i => i.DueOn ?? DateOnly.MinValue).ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToList());
    }
}
