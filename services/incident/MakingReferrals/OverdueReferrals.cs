using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.MakingReferrals;

public sealed record OverdueReferral(
    Guid IncidentId, Guid ReferralId, string Destination, string ReferenceNumber, DateOnly MadeOn, DateOnly DueOn, int DaysOverdue,
    string? Category, int? Severity);

public static class OverdueReferrals
{
    /// <summary>Referrals with no outcome whose due date has passed, most overdue first.</summary>
    public static IReadOnlyList<OverdueReferral> Select(IEnumerable<OnlineSafetyIncident> incidents, Actor actor, DateOnly today) =>
        incidents
            .Where(i => Visibility.CanManage(i, actor))
            .SelectMany(i => i.Referrals
                .Where(r => r.Outcome is null && r.DueOn < today)
                .Select(r => new OverdueReferral(i.Id, r.Id, r.Destination, r.ReferenceNumber, r.MadeOn, r.DueOn,
                    today.DayNumber - r.DueOn.DayNumber, i.Category, i.Severity)))
            .OrderByDescending(r => r.DaysOverdue)
            .ToList();

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/referrals/overdue", async Task<Ok<IReadOnlyList<OverdueReferral>>> (IQuerySession session, CurrentUser user,
            TimeProvider clock, CancellationToken ct) =>
        {
            var withOpenReferrals = await session.Query<OnlineSafetyIncident>().Where(i => i.OpenReferrals > 0).ToListAsync(ct);
            return TypedResults.Ok(Select(withOpenReferrals, Actor.From(user), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
        })
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("ListOverdueReferrals")
        .WithSummary("Referrals past their due date with no outcome (safeguarding team)");
}
