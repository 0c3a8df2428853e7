using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.CheckingSourceHealth;

public sealed record SourceHealthView(
    Guid SourceId, string State, long Accepted, long Duplicates, long Rejected, long UnknownCategories, long Batches,
    DateTimeOffset? LastReceivedAt, DateTimeOffset? LastEventAt, IReadOnlyList<RejectedRecordSample> RecentRejected,
    IReadOnlyList<UnknownCategoryCount> UnknownCategoryCounts);

public sealed record RejectedRecordSample(DateTimeOffset At, string Channel, int Record, string Field, string Reason, string? Raw);

/// <summary>An IT admin checks a source's health: its counts, its recent rejected records and the categories still to map.</summary>
public static class CheckSourceHealth
{
    public static void MapCheckSourceHealth(this RouteGroupBuilder sources) =>
        sources.MapGet("/{id:guid}/health", Health).WithName("GetSourceHealth");

    private static async Task<Results<Ok<SourceHealthView>, ProblemHttpResult>> Health(Guid id, [AsParameters] SourcesApi.Ctx c, CrosswalkCatalog catalog, CancellationToken ct)
    {
        var source = await SourcesApi.Load(id, c, ct);
        if (source is null) return SourcesApi.NotFound();
        await using var session = c.Store.QuerySession(source.HomeTenant);
        var health = await session.LoadAsync<SourceHealth>(id, ct) ?? new SourceHealth { Id = id };
        var rejected = await session.Query<RejectedRecord>().Where(r => r.SourceId == id)
            .OrderByDescending(r => r.At).Take(50).ToListAsync(ct);
        return TypedResults.Ok(new SourceHealthView(id, source.State, health.Accepted, health.Duplicates, health.Rejected,
            health.UnknownCategories, health.Batches, health.LastReceivedAt, health.LastEventAt,
            rejected.Select(r => new RejectedRecordSample(r.At, r.Channel, r.Record, r.Field, r.Reason, r.Raw)).ToList(),
            // A category mapped since (PUT /crosswalks/{vendor}) is no longer one to map; its past events stay "other".
            health.UnknownCategoryCounts.Where(u => catalog.Current.Classify(u.Vendor, [new VendorCategory(u.CategoryId, u.Label)]).Unknown).ToList()));
    }
}
