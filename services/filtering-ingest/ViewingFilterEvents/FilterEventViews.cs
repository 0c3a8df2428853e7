using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.FilteringIngest.ViewingFilterEvents;

/// <summary>
/// Recent accepted events. A school's staff see only their own tenant; trust-wide events nobody could attribute live
/// in the "trust" tenant and are shown only to trust-wide users (no school claim) — never to a school.
/// </summary>
public static class FilterEventViews
{
    public static IEndpointRouteBuilder MapFilterEventViews(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", SchoolEvents).WithTags("Events").WithName("ListSchoolFilterEvents")
            .RequireAuthorization(p => p.RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.ItAdmin));
        app.MapGet("/unattributed", Unattributed).WithTags("Events").WithName("ListUnattributedFilterEvents")
            .RequireAuthorization(p => p.RequireRole(PlatformRoles.TrustLead, PlatformRoles.ItAdmin)
                .RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == PlatformClaims.School)));
        app.MapGet("/unattributed/alerts", UnattributedAlerts).WithTags("Events").WithName("ListUnattributedAlerts")
            .WithSummary("Alerts (severity ≥ 4, IWF / CTIRU) from trust-wide sources that no single school could be named for, newest first")
            .RequireAuthorization(p => p.RequireRole(PlatformRoles.TrustLead, PlatformRoles.ItAdmin)
                .RequireAssertion(ctx => !ctx.User.HasClaim(c => c.Type == PlatformClaims.School)));
        return app;
    }

    public const int MaxTake = 500;

    private static Task<Results<Ok<RecentFilterEvents>, ValidationProblem>> SchoolEvents(string? take, IDocumentStore store, CurrentUser user, CancellationToken ct) =>
        Recent(store, user.Tenant, take, ct);

    private static Task<Results<Ok<RecentFilterEvents>, ValidationProblem>> Unattributed(string? take, IDocumentStore store, CancellationToken ct) =>
        Recent(store, IngestTenants.Trust, take, ct);

    /// <summary>?take= as given (a string, so that an unparseable or huge value is a 400 naming it, not a bare binding failure).</summary>
    public static ValidationProblem? RefuseTake(string? take, out int n)
    {
        n = 50;
        if (take is null) return null;
        if (int.TryParse(take, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out n) && n is >= 1 and <= MaxTake)
            return null;
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["take"] = [$"take must be a whole number between 1 and {MaxTake} (how many recent events to return); leave it out for 50."],
        }, title: "The paging parameter is out of range");
    }

    private static async Task<Results<Ok<RecentFilterEvents>, ValidationProblem>> Recent(IDocumentStore store, string tenant, string? take, CancellationToken ct)
    {
        if (RefuseTake(take, out var n) is { } refused) return refused;
        await using var session = store.QuerySession(tenant);
        var batches = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == IngestStore.BatchEventName)
            .OrderByDescending(e => e.Sequence).Take(n).ToListAsync(ct);
        var events = batches.Select(b => b.Data).OfType<FilterEventsIngested>()
            .SelectMany(b => b.Events).OrderByDescending(e => e.OccurredAt).Take(n).ToList();
        return TypedResults.Ok(new RecentFilterEvents(tenant, events.Count, events));
    }

    public sealed record RecentFilterEvents(string Tenant, int Count, IReadOnlyList<FilterEvent> Events);

    /// <summary>The trust's alert queue: a high-severity event that reached no school's DSL must reach the trust.</summary>
    private static async Task<Ok<UnattributedAlertQueue>> UnattributedAlerts(int? take, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(IngestTenants.Trust);
        var raised = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == IngestStore.AlertEventName)
            .OrderByDescending(e => e.Sequence).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync(ct);
        var alerts = raised.Select(e => e.Data).OfType<FilterAlertRaised>().ToList();
        return TypedResults.Ok(new UnattributedAlertQueue(alerts.Count, alerts));
    }

    public sealed record UnattributedAlertQueue(int Count, IReadOnlyList<FilterAlertRaised> Alerts);
}
