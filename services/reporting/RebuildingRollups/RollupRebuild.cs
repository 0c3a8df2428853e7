using Dapper;
using Marten;
using Npgsql;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Reporting.Standards;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.RebuildingRollups;

public sealed record RebuildReport(string School, int Batches, int Alerts, int Incidents, int Referrals, int Consents, int Aups, int Devices, TimeSpan Took);

/// <summary>
/// Rebuilds a school's rollups from its stored facts, for when a rollup's shape or meaning changes
/// (<see cref="RollupSchema.Version"/>). One transaction per school under the school's rollup lock held exclusively:
/// views keep reading the old rollups until it commits, and the school's consumers wait for it (then add their
/// changes on top), so nothing is counted twice or lost. Run by <c>tools/rebuild-reporting.sh</c>, and at start-up for
/// every school whose rollups are older than this build's version.
/// </summary>
public sealed partial class RollupRebuild(IDocumentStore store, NpgsqlDataSource db, TrustSchools trust, TimeProvider time, ILogger<RollupRebuild> log)
{
    private const int Page = 5_000;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuilt reporting rollups of {School}: {Report}")]
    private static partial void LogRebuilt(ILogger logger, string school, RebuildReport report);

    /// <summary>Every school of the trust and the trust's own unattributed facts.</summary>
    public IReadOnlyList<string> AllTenants() => [.. trust.Schools.Select(s => s.Urn), ReportingConsumer<Contracts.FilteringIngest.FilterEventsAccepted>.TrustTenant];

    public async Task<IReadOnlyList<string>> Outdated(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var current = (await connection.QueryAsync<(string School, int Version)>(new CommandDefinition(
            $"select school, version from {RollupSchema.Table("rpt_rollup_version")}", cancellationToken: ct))).ToDictionary(r => r.School, r => r.Version, StringComparer.Ordinal);
        return AllTenants().Where(t => current.GetValueOrDefault(t) < RollupSchema.Version).ToList();
    }

    public async Task<IReadOnlyList<RebuildReport>> Rebuild(IReadOnlyList<string> tenants, CancellationToken ct)
    {
        var reports = new List<RebuildReport>();
        foreach (var tenant in tenants)
        {
            var report = await RebuildSchool(tenant, ct);
            LogRebuilt(log, tenant, report);
            reports.Add(report);
        }
        await RebuildTrustWide(ct);
        return reports;
    }

    private async Task<RebuildReport> RebuildSchool(string school, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        await using var session = store.LightweightSession(school);
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection ?? throw new InvalidOperationException("The rebuild session has no connection.");
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@key)", new { key = RollupChanges.LockKey(school) }, cancellationToken: ct));
        foreach (var table in new[] { "rpt_count", "rpt_school_month", "rpt_school_cum", "rpt_source", "rpt_repeat" })
            await connection.ExecuteAsync(new CommandDefinition($"delete from {RollupSchema.Table(table)} where school = @school", new { school }, cancellationToken: ct));

        var r = new RollupChanges();
        var batches = 0;
        for (var skip = 0; ; skip += Page)
        {
            var page = await session.Query<FilterBatch>().OrderBy(b => b.Id).Skip(skip).Take(Page).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var batch in page)
            {
                FilterRollups.Counted(r, batch);
                if (batch.Subjects.Count == 0) continue;
                FilterRollups.LegacySubjects(r, batch);
                batch.Subjects = [];
                session.Store(batch);
            }
            batches += page.Count;
        }
        var alerts = await session.Query<AlertRecord>().ToListAsync(ct);
        foreach (var a in alerts) FilterRollups.Raised(r, a);

        var incidents = (await session.Query<IncidentEntry>().ToListAsync(ct)).ToDictionary(e => e.Id);
        IncidentEntry Incident(Guid id) => incidents.TryGetValue(id, out var e) ? e : incidents[id] = new IncidentEntry { Id = id, SchoolUrn = school };
        foreach (var x in await session.Query<ReportedIncident>().ToListAsync(ct)) Incident(x.Id).Take(x);
        foreach (var x in await session.Query<TriagedIncident>().ToListAsync(ct)) Incident(x.Id).Take(x);
        foreach (var x in await session.Query<IncidentStatusChange>().ToListAsync(ct)) Incident(x.IncidentId).Take(x);
        foreach (var e in incidents.Values)
        {
            session.Store(e.Refreshed());
            if (e.Row() is { } row) IncidentEntry.Contribute(r, row, +1);
        }

        var referrals = (await session.Query<ReferralEntry>().ToListAsync(ct)).ToDictionary(e => e.Id);
        ReferralEntry Referral(Guid id) => referrals.TryGetValue(id, out var e) ? e : referrals[id] = new ReferralEntry { Id = id, SchoolUrn = school };
        foreach (var x in await session.Query<ReferralRecord>().ToListAsync(ct)) Referral(x.Id).Made ??= x;
        foreach (var x in await session.Query<ReferralOutcomeRecord>().ToListAsync(ct)) Referral(x.Id).Outcome ??= x;
        foreach (var e in referrals.Values)
        {
            session.Store(e);
            ReferralEntry.Contribute(r, e, +1);
        }

        var consents = (await session.Query<ConsentState>().ToListAsync(ct)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var c in await session.Query<ConsentChange>().ToListAsync(ct))
        {
            var id = ConsentState.IdFor(c.PupilId, c.ConsentType);
            if (!consents.TryGetValue(id, out var s) || c.At > s.Latest.At) consents[id] = new ConsentState { Id = id, SchoolUrn = school, Latest = c };
        }
        foreach (var s in consents.Values)
        {
            session.Store(s);
            ConsentState.Contribute(r, s, +1);
        }

        var aups = (await session.Query<AupState>().ToListAsync(ct)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        foreach (var c in await session.Query<AupChange>().ToListAsync(ct))
        {
            var id = AupState.IdFor(c.PersonId, c.Audience);
            if (!aups.TryGetValue(id, out var s) || c.At > s.Latest.At) aups[id] = new AupState { Id = id, SchoolUrn = school, Latest = c };
        }
        foreach (var s in aups.Values)
        {
            session.Store(s);
            AupState.Contribute(r, s, +1);
        }
        foreach (var v in await session.Query<AupVersionRecord>().ToListAsync(ct)) AupState.Published(r, v);

        var devices = (await session.Query<DeviceState>().ToListAsync(ct)).ToDictionary(d => d.Id);
        foreach (var c in await session.Query<DeviceChange>().ToListAsync(ct))
        {
            if (!devices.TryGetValue(c.DeviceId, out var d)) devices[c.DeviceId] = d = new DeviceState { Id = c.DeviceId, SchoolUrn = school };
            if (d.Changes.All(x => x.Id != c.Id)) d.Changes.Add(c);
        }
        foreach (var d in devices.Values)
        {
            session.Store(d);
            DeviceState.Contribute(r, d, +1);
        }

        foreach (var evidence in await session.Query<FilteringStandardsEvidence>().ToListAsync(ct))
            session.Store(StandardsSummary.Of(evidence));

        r.Stage(session);
        session.QueueSqlCommand($"""
            insert into {RollupSchema.Table("rpt_rollup_version")} (school, version, rebuilt_at) values (?, ?, ?::timestamptz)
            on conflict (school) do update set version = excluded.version, rebuilt_at = excluded.rebuilt_at
            """, school, RollupSchema.Version, time.GetUtcNow());
        await session.SaveChangesAsync(ct);
        return new RebuildReport(school, batches, alerts.Count, incidents.Count, referrals.Count, consents.Count, aups.Count, devices.Count,
            time.GetElapsedTime(started));
    }

    /// <summary>Trust-wide counters are sums of the schools' own: recomputed from them under the trust-wide lock.</summary>
    private async Task RebuildTrustWide(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@key)", new { key = RollupChanges.LockKey(RollupSchema.TrustWide) },
            tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition($"""
            delete from {RollupSchema.Table("rpt_count")} where school = @trustWide and metric = @category;
            insert into {RollupSchema.Table("rpt_count")} (school, metric, period, key, n)
            select @trustWide, @category, period, split_part(key, '|', 1), sum(n)
            from {RollupSchema.Table("rpt_count")}
            where metric = @filter and school = any(@schools)
            group by period, split_part(key, '|', 1)
            having sum(n) <> 0
            """, new { trustWide = RollupSchema.TrustWide, category = FilterRollups.TrustCategory, filter = FilterRollups.Filter,
                schools = trust.Schools.Select(s => s.Urn).ToArray() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}

/// <summary>At start-up, rebuilds the rollups of every school whose rollups an older build wrote (one replica at a time).</summary>
public sealed partial class RollupUpgrade(RollupRebuild rebuild, NpgsqlDataSource db, ILogger<RollupUpgrade> log) : BackgroundService
{
    private const long UpgradeLock = 0x7275_7075_6772_6164; // one upgrader across replicas

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var connection = await db.OpenConnectionAsync(stoppingToken);
            if (!await connection.ExecuteScalarAsync<bool>("select pg_try_advisory_lock(@key)", new { key = UpgradeLock })) return;
            try
            {
                var outdated = await rebuild.Outdated(stoppingToken);
                if (outdated.Count == 0) return;
                LogOutdated(log, outdated.Count);
                await rebuild.Rebuild(outdated, stoppingToken);
            }
            finally
            {
                await connection.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = UpgradeLock });
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogFailed(log, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reporting rollups of {Count} school(s) are from an older version; rebuilding from the stored facts")]
    private static partial void LogOutdated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuilding the reporting rollups at start-up failed; views may be incomplete until tools/rebuild-reporting.sh is run")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
