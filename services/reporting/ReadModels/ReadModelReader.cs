using Dapper;
using Npgsql;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Rollups;
using static TrustSafety.Reporting.Rollups.RollupChanges;

namespace TrustSafety.Reporting.ReadModels;

/// <summary>
/// Reads the rollups of one school or of several (the trust). Every query is bounded by the schools and the months asked
/// about, or reads a snapshot whose size does not grow with history (open incidents, outstanding referrals, coverage).
/// </summary>
public sealed class ReadModelReader(NpgsqlDataSource db, RepeatPatterns repeats, TimeProvider time)
{
    private static readonly string[] SnapshotMetrics =
        [IncidentEntry.OpenByDay, ReferralEntry.Outstanding, ConsentState.Metric, AupState.Metric, AupState.Versions, DeviceState.Metric];
    private static readonly string[] DetailMonthMetrics = [IncidentEntry.Reported, FilterRollups.Filter, FilterRollups.Alert];
    private static readonly string[] DayMetrics = [FilterRollups.FilterDay, FilterRollups.AlertDay];

    /// <summary>
    /// Each school's figures for the range. <paramref name="detail"/> adds the breakdowns a single school's summary shows
    /// (categories, 4C, severity, weeks); views across the trust leave them out.
    /// </summary>
    public async Task<IReadOnlyList<SchoolFigures>> Figures(IReadOnlyList<School> schools, MonthRange range, bool detail, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var urns = schools.Select(s => s.Urn).ToArray();
        await using var connection = await db.OpenConnectionAsync(ct);
        var months = (await connection.QueryAsync<MonthRow>(new CommandDefinition($"""
            select school, month, reported, closed, filter_events as FilterEvents, alerts, triage
            from {RollupSchema.Table("rpt_school_month")} where school = any(@urns) and month between @first::date and @last::date
            """, new { urns, first = D(range.First), last = D(range.Last) }, cancellationToken: ct))).ToLookup(r => r.School);
        var snapshot = (await Counts(connection, urns, SnapshotMetrics, null, null, ct)).ToLookup(r => r.School);
        var referrals = (await Counts(connection, urns, [ReferralEntry.Referrals], range.First, range.Last, ct)).ToLookup(r => r.School);
        var detailed = detail
            ? (await Counts(connection, urns, DetailMonthMetrics, range.First, range.Last, ct))
                .Concat(await Counts(connection, urns, DayMetrics, range.First, DateOnly.FromDateTime(range.End.UtcDateTime.AddDays(-1)), ct))
                .ToLookup(r => r.School)
            : Enumerable.Empty<CountRow>().ToLookup(r => r.School);
        var patterns = await repeats.For(connection, urns, RepeatPatterns.EndWeek(range, now), ct);

        return schools.Select(s => SchoolFigures.From(s, range, now, months[s.Urn].ToList(), snapshot[s.Urn].ToList(),
            referrals[s.Urn].ToList(), detail ? detailed[s.Urn].ToList() : null, patterns[s.Urn])).ToList();
    }

    /// <summary>Incidents reported per school, category and month in the range (the heat map and every matrix).</summary>
    public async Task<IReadOnlyList<IncidentCell>> IncidentCells(IReadOnlyList<string> schools, MonthRange range, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await Counts(connection, schools.ToArray(), [IncidentEntry.Reported], range.First, range.Last, ct);
        return rows.GroupBy(r => (r.School, Category: r.Part(0), Month: MonthRange.Key(r.Day)))
            .Select(g => new IncidentCell(g.Key.School, g.Key.Category, g.Key.Month, (int)g.Sum(r => r.N))).ToList();
    }

    /// <summary>Filter events per category across every school of the trust, most first.</summary>
    public async Task<IReadOnlyList<Tally>> TrustFilterCategories(MonthRange range, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await Counts(connection, [RollupSchema.TrustWide], [FilterRollups.TrustCategory], range.First, range.Last, ct);
        return rows.GroupBy(r => r.Key).Select(g => new Tally(g.Key, (int)g.Sum(r => r.N)))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<SourceRow>> Sources(IReadOnlyList<string> schools, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<SourceRow>(new CommandDefinition($"""
            select school, source_id as SourceId, vendor, batches, events, last_accepted_at as LastAcceptedAt, last_event_at as LastEventAt
            from {RollupSchema.Table("rpt_source")} where school = any(@schools) order by vendor, source_id
            """, new { schools = schools.ToArray() }, cancellationToken: ct))).ToList();
    }

    public async Task<Freshness.Freshness> Freshness(IReadOnlyCollection<string> schools, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<SchoolRow>(new CommandDefinition($"""
            select school, newest_occurred_at as NewestOccurredAt, last_processed_at as LastProcessedAt,
                   last_processed_occurred_at as LastProcessedOccurredAt, subjects_version as SubjectsVersion
            from {RollupSchema.Table("rpt_school")} where school = any(@schools)
            """, new { schools = schools.ToArray() }, cancellationToken: ct))).ToList();
        var newest = rows.Max(r => r.NewestOccurredAt);
        var last = rows.Where(r => r.LastProcessedAt is not null).MaxBy(r => r.LastProcessedAt);
        static DateTimeOffset? Utc(DateTime? at) => at is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : null;
        return new Freshness.Freshness(Utc(newest), Utc(last?.LastProcessedAt),
            last?.LastProcessedOccurredAt is { } occurred ? Math.Max(0, (last.LastProcessedAt!.Value - occurred).TotalSeconds) : null,
            time.GetUtcNow());
    }

    private static DateTime D(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    private static async Task<IReadOnlyList<CountRow>> Counts(NpgsqlConnection connection, string[] schools, string[] metrics, DateOnly? from,
        DateOnly? to, CancellationToken ct) =>
        (await connection.QueryAsync<CountRow>(new CommandDefinition($"""
            select school, metric, period, key, n from {RollupSchema.Table("rpt_count")}
            where school = any(@schools) and metric = any(@metrics) and period between @from::date and @to::date and n <> 0
            """, new { schools, metrics, from = D(from ?? DateOnly.MinValue), to = D(to ?? new DateOnly(9999, 12, 31)) }, cancellationToken: ct))).ToList();
}
