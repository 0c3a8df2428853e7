using Marten;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Filtering;
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

    /// <summary>All read models of each school, by school.</summary>
    public async Task<IReadOnlyList<SchoolFacts>> Facts(IReadOnlyList<School> schools, CancellationToken ct)
    {
        var urns = schools.Select(s => s.Urn).ToList();
        var incidents = await Incidents(urns, ct);
        var referrals = await All<ReferralRecord>(urns, ct);
        var outcomes = await All<ReferralOutcomeRecord>(urns, ct);
        var batches = await All<FilterBatch>(urns, ct);
        var alerts = await All<AlertRecord>(urns, ct);
        var consents = await All<ConsentChange>(urns, ct);
        var aups = await All<AupChange>(urns, ct);
        var aupVersions = await All<AupVersionRecord>(urns, ct);
        var devices = await All<DeviceChange>(urns, ct);
        return schools.Select(s => new SchoolFacts(s,
            incidents.Where(x => x.SchoolUrn == s.Urn).ToList(), referrals.Where(x => x.SchoolUrn == s.Urn).ToList(),
            outcomes.Where(x => x.SchoolUrn == s.Urn).ToList(), batches.Where(x => x.SchoolUrn == s.Urn).ToList(),
            alerts.Where(x => x.SchoolUrn == s.Urn).ToList(), consents.Where(x => x.SchoolUrn == s.Urn).ToList(),
            aups.Where(x => x.SchoolUrn == s.Urn).ToList(), devices.Where(x => x.SchoolUrn == s.Urn).ToList(),
            aupVersions.Where(x => x.SchoolUrn == s.Urn).ToList())).ToList();
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
