using Marten;
using TrustSafety.Reporting.Freshness;
using TrustSafety.Reporting.Incidents;

namespace TrustSafety.Reporting.ReadModels;

/// <summary>Reads the read models of one school or of several (the trust), straight from their school tenants.</summary>
public sealed class ReadModelReader(IDocumentStore store, TimeProvider time)
{
    public async Task<IReadOnlyList<T>> All<T>(IReadOnlyCollection<string> schools, CancellationToken ct) where T : notnull
    {
        await using var session = store.QuerySession();
        return await session.Query<T>().Where(x => x.TenantIsOneOf(schools.ToArray())).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IncidentRow>> Incidents(IReadOnlyCollection<string> schools, CancellationToken ct)
    {
        var reported = await All<ReportedIncident>(schools, ct);
        var triaged = await All<TriagedIncident>(schools, ct);
        var changes = await All<IncidentStatusChange>(schools, ct);
        return IncidentLedger.Build(reported, triaged, changes);
    }

    public async Task<Freshness.Freshness> Freshness(IReadOnlyCollection<string> schools, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var tenants = schools.ToArray();
        var lastProcessed = await session.Query<Receipt>().Where(x => x.TenantIsOneOf(tenants))
            .OrderByDescending(x => x.ProcessedAt).FirstOrDefaultAsync(ct);
        var newest = await session.Query<Receipt>().Where(x => x.TenantIsOneOf(tenants))
            .OrderByDescending(x => x.OccurredAt).FirstOrDefaultAsync(ct);
        return new Freshness.Freshness(newest?.OccurredAt, lastProcessed?.ProcessedAt,
            lastProcessed is null ? null : Math.Max(0, (lastProcessed.ProcessedAt - lastProcessed.OccurredAt).TotalSeconds),
            time.GetUtcNow());
    }
}
