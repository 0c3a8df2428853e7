using TrustSafety.Platform;
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
    /// (categories, 4C, severity, weeks); views across the trust leave them out, and <paramref name="referralsMade"/> false
    /// leaves out referrals made in the range by destination (the overview shows only those overdue now).
    /// </summary>
    public async Task<IReadOnlyList<SchoolFigures>> Figures(IReadOnlyList<School> schools, MonthRange range, bool detail, CancellationToken ct,
        bool referralsMade = true)
    {
        var now = time.GetUtcNow();
        var urns = schools.Select(s => s.Urn).ToArray();
        // Repeat patterns on a connection of their own, at the same time as the counters: the view waits for the slower
        // of the two, not for both one after the other.
        var patternsRead = Patterns(urns, RepeatPatterns.EndWeek(range, now), detail, ct);
        await using var connection = await db.OpenConnectionAsync(ct);
        // A single school's summary shows months one by one; views across schools need only the range's totals, read as
        // the difference of two running-total rows per school however long the range or the history.
        var months = (detail
            ? await connection.QueryAsync<MonthRow>(new CommandDefinition($"""
                select school, month, reported, closed, filter_events as FilterEvents, alerts, triage
                from {RollupSchema.Table("rpt_school_month")} where school = any(@urns) and month between @first::date and @last::date
                """, new { urns, first = D(range.First), last = D(range.Last) }, cancellationToken: ct))
            : await RangeTotals(connection, urns, range, ct)).ToLookup(r => r.School, StringComparer.Ordinal);
        var snapshot = (await Snapshot(connection, urns, DateOnly.FromDateTime(now.UtcDateTime), ct)).ToLookup(r => r.School, StringComparer.Ordinal);
        var referrals = (detail || referralsMade
            ? await Counts(connection, urns, [ReferralEntry.Referrals], range.First, range.Last, ct)
            : []).ToLookup(r => r.School, StringComparer.Ordinal);
        var detailed = detail
            ? (await Counts(connection, urns, DetailMonthMetrics, range.First, range.Last, ct))
                .Concat(await Counts(connection, urns, DayMetrics, range.First, DateOnly.FromDateTime(range.End.UtcDateTime.AddDays(-1)), ct))
                .ToLookup(r => r.School, StringComparer.Ordinal)
            : Enumerable.Empty<CountRow>().ToLookup(r => r.School, StringComparer.Ordinal);
        var patterns = await patternsRead;

        return schools.Select(s => SchoolFigures.From(s, range, now, months[s.Urn].ToList(), snapshot[s.Urn].ToList(),
            referrals[s.Urn].ToList(), detail ? detailed[s.Urn].ToList() : null, patterns[s.Urn])).ToList();
    }

    private async Task<IReadOnlyDictionary<string, RepeatPatterns.Snapshot>> Patterns(string[] urns, int endWeek, bool exact, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await repeats.For(connection, urns, endWeek, ct, exact);
    }

    /// <summary>Each school's device counts (the IT coverage view needs nothing else of the figures).</summary>
    public async Task<IReadOnlyDictionary<string, DeviceFigures>> Devices(IReadOnlyList<string> schools, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await Counts(connection, schools.ToArray(), [DeviceState.Metric], null, null, ct)).ToLookup(r => r.School, StringComparer.Ordinal);
        return schools.ToDictionary(s => s, s => SchoolFigures.DevicesOf(rows[s]), StringComparer.Ordinal);
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
        return rows.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => new Tally(g.Key, (int)g.Sum(r => r.N)))
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

    private sealed class BoundRow
    {
        public int Bound { get; set; }
        public string School { get; set; } = "";
        public int Reported { get; set; }
        public int Closed { get; set; }
        public long FilterEvents { get; set; }
        public int Alerts { get; set; }
        public int[] Triage { get; set; } = [];
    }

    /// <summary>Each school's totals for the range: its running-total row at the range's last month less the one before its first, in one query.</summary>
    private static async Task<IReadOnlyList<MonthRow>> RangeTotals(NpgsqlConnection connection, string[] schools, MonthRange range, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<BoundRow>(new CommandDefinition($"""
            select b.bound, s.school, c.reported, c.closed, c.filter_events as FilterEvents, c.alerts, c.triage
            from unnest(@schools) as s(school)
            cross join (values (0, @last::date), (1, @before::date)) as b(bound, last)
            cross join lateral (select * from {RollupSchema.Table("rpt_school_cum")} t where t.school = s.school and t.month <= b.last
                                order by t.month desc limit 1) c
            """, new { schools, last = D(range.Last), before = D(range.First.AddMonths(-1)) }, cancellationToken: ct))).ToList();
        var before = rows.Where(r => r.Bound == 1).ToDictionary(r => r.School, StringComparer.Ordinal);
        return rows.Where(r => r.Bound == 0).Select(e =>
        {
            var b = before.GetValueOrDefault(e.School);
            var triage = TriageHistogram.Empty();
            TriageHistogram.Add(triage, e.Triage);
            TriageHistogram.Add(triage, b?.Triage, -1);
            return new MonthRow { School = e.School, Month = D(range.First), Reported = e.Reported - (b?.Reported ?? 0),
                Closed = e.Closed - (b?.Closed ?? 0), FilterEvents = e.FilterEvents - (b?.FilterEvents ?? 0), Alerts = e.Alerts - (b?.Alerts ?? 0),
                Triage = triage };
        }).ToList();
    }

    /// <summary>
    /// The snapshot counters, with consent summed in the database to "expired by today" or not: answers counted under
    /// their expiry dates would otherwise come back one row per date.
    /// </summary>
    private static async Task<IReadOnlyList<CountRow>> Snapshot(NpgsqlConnection connection, string[] schools, DateOnly today, CancellationToken ct) =>
        (await connection.QueryAsync<CountRow>(new CommandDefinition($"""
            select school, metric,
                   case when metric = @consent then (case when period < @today::date then date '0001-01-01' else @timeless::date end) else period end as period,
                   key, sum(n)::bigint as n
            from {RollupSchema.Table("rpt_count")}
            where school = any(@schools) and metric = any(@metrics) and n <> 0
            group by 1, 2, 3, 4
            """, new { schools, metrics = SnapshotMetrics, consent = ConsentState.Metric, today = D(today), timeless = D(Timeless) },
            cancellationToken: ct))).ToList();

    private static async Task<IReadOnlyList<CountRow>> Counts(NpgsqlConnection connection, string[] schools, string[] metrics, DateOnly? from,
        DateOnly? to, CancellationToken ct) =>
        (await connection.QueryAsync<CountRow>(new CommandDefinition($"""
            select school, metric, period, key, n from {RollupSchema.Table("rpt_count")}
            where school = any(@schools) and metric = any(@metrics) and period between @from::date and @to::date and n <> 0
            """, new { schools, metrics, from = D(from ?? DateOnly.MinValue), to = D(to ?? new DateOnly(9999, 12, 31)) }, cancellationToken: ct))).ToList();
}
