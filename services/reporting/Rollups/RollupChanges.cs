using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;

namespace TrustSafety.Reporting.Rollups;

/// <summary>
/// What one transaction adds to the rollups, summed per row and staged on the Marten session, so it commits with the
/// facts and the processed-message markers or not at all. Every school written takes the school's rollup lock in
/// shared mode first: a rebuild of that school (exclusive) waits for it and it waits for a rebuild.
/// </summary>
public sealed class RollupChanges
{
    private readonly SortedDictionary<(string School, string Metric, DateOnly Period, string Key), long> _counts = new();
    private readonly SortedDictionary<(string School, DateOnly Month), MonthDelta> _months = new();
    private readonly SortedDictionary<(string School, int Week, string Kind, string Ref), SubjectDelta> _subjects = new();
    private readonly SortedDictionary<(string School, Guid Source), SourceDelta> _sources = new();
    private readonly SortedDictionary<string, SchoolDelta> _schools = new(StringComparer.Ordinal);

    public bool IsEmpty => _counts.Count == 0 && _months.Count == 0 && _subjects.Count == 0 && _sources.Count == 0 && _schools.Count == 0;

    public void Count(string school, string metric, DateOnly period, string key, long delta)
    {
        if (delta == 0) return;
        var k = (school, metric, period, key);
        _counts[k] = _counts.GetValueOrDefault(k) + delta;
    }

    public void Month(string school, DateOnly month, int reported = 0, int closed = 0, long filterEvents = 0, int alerts = 0,
        IReadOnlyList<int>? triage = null, int triageSign = 1)
    {
        var k = (school, month);
        if (!_months.TryGetValue(k, out var m)) _months[k] = m = new MonthDelta();
        m.Reported += reported;
        m.Closed += closed;
        m.FilterEvents += filterEvents;
        m.Alerts += alerts;
        TriageHistogram.Add(m.Triage, triage, triageSign);
    }

    public void Subject(string school, int week, string kind, string reference, int events, IEnumerable<string> categories)
    {
        var k = (school, week, kind, reference);
        if (!_subjects.TryGetValue(k, out var s)) _subjects[k] = s = new SubjectDelta();
        s.Events += events;
        foreach (var c in categories) s.Categories.Add(c);
        School(school).SubjectsChanged = true;
    }

    public void Source(string school, Guid source, string vendor, int events, DateTimeOffset acceptedAt, DateTimeOffset? lastEventAt)
    {
        var k = (school, source);
        if (!_sources.TryGetValue(k, out var s)) _sources[k] = s = new SourceDelta { Vendor = vendor };
        s.Batches++;
        s.Events += events;
        if (acceptedAt > s.LastAcceptedAt) s.LastAcceptedAt = acceptedAt;
        if (lastEventAt is { } e && (s.LastEventAt is null || e > s.LastEventAt)) s.LastEventAt = e;
    }

    /// <summary>A fact that happened at <paramref name="occurredAt"/> was taken in at <paramref name="processedAt"/>.</summary>
    public void Received(string school, DateTimeOffset occurredAt, DateTimeOffset processedAt)
    {
        var s = School(school);
        if (s.NewestOccurredAt is null || occurredAt > s.NewestOccurredAt) s.NewestOccurredAt = occurredAt;
        if (s.ProcessedAt is null || processedAt >= s.ProcessedAt) (s.ProcessedAt, s.ProcessedOccurredAt) = (processedAt, occurredAt);
    }

    private SchoolDelta School(string school)
    {
        if (!_schools.TryGetValue(school, out var s)) _schools[school] = s = new SchoolDelta();
        return s;
    }

    /// <summary>Queues the SQL on <paramref name="operations"/>; it runs in the session's transaction at SaveChanges.</summary>
    public void Stage(IDocumentOperations operations)
    {
        var schools = _counts.Keys.Select(k => k.School).Concat(_months.Keys.Select(k => k.School)).Concat(_subjects.Keys.Select(k => k.School))
            .Concat(_sources.Keys.Select(k => k.School)).Concat(_schools.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (schools.Count == 0) return;
        // Sorted, so two transactions touching the same schools take their locks (and rows) in the same order.
        foreach (var school in schools)
            operations.QueueSqlCommand("select pg_advisory_xact_lock_shared(?)", LockKey(school));

        var counts = _counts.Where(c => c.Value != 0).ToList();
        if (counts.Count > 0)
        {
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_count")} as t (school, metric, period, key, n)
                select * from unnest(?::text[], ?::text[], ?::date[], ?::text[], ?::bigint[])
                on conflict (school, metric, period, key) do update set n = t.n + excluded.n
                """,
                counts.Select(c => c.Key.School).ToArray(), counts.Select(c => c.Key.Metric).ToArray(),
                counts.Select(c => c.Key.Period).ToArray(), counts.Select(c => c.Key.Key).ToArray(), counts.Select(c => c.Value).ToArray());
            var shrunk = counts.Where(c => c.Value < 0).ToList();
            if (shrunk.Count > 0)
                operations.QueueSqlCommand($"""
                    delete from {RollupSchema.Table("rpt_count")} t using unnest(?::text[], ?::text[], ?::date[], ?::text[]) as u(s, m, p, k)
                    where t.school = u.s and t.metric = u.m and t.period = u.p and t.key = u.k and t.n = 0
                    """,
                    shrunk.Select(c => c.Key.School).ToArray(), shrunk.Select(c => c.Key.Metric).ToArray(),
                    shrunk.Select(c => c.Key.Period).ToArray(), shrunk.Select(c => c.Key.Key).ToArray());
        }

        string? runningTotalsLocked = null;
        foreach (var ((school, month), m) in _months)
        {
            if (m.IsZero) continue;
            if (runningTotalsLocked != school)
            {
                // One writer at a time per school's running totals: a new month's row starts from the row before it.
                operations.QueueSqlCommand("select pg_advisory_xact_lock(?)", LockKey("running-totals:" + school));
                runningTotalsLocked = school;
            }
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_school_cum")} (school, month, reported, closed, filter_events, alerts, triage)
                select ?, ?::date, coalesce(p.reported, 0), coalesce(p.closed, 0), coalesce(p.filter_events, 0), coalesce(p.alerts, 0),
                       coalesce(p.triage, array[]::integer[])
                from (select 1) as one left join lateral (
                  select * from {RollupSchema.Table("rpt_school_cum")} c where c.school = ? and c.month < ?::date order by c.month desc limit 1) p on true
                on conflict (school, month) do nothing
                """, school, month, school, month);
            operations.QueueSqlCommand($"""
                update {RollupSchema.Table("rpt_school_cum")} as t set
                  reported = t.reported + ?, closed = t.closed + ?, filter_events = t.filter_events + ?, alerts = t.alerts + ?,
                  triage = array(select coalesce(a, 0) + coalesce(b, 0) from unnest(t.triage, ?::integer[]) with ordinality as u(a, b, i) order by i)
                where t.school = ? and t.month >= ?::date
                """, m.Reported, m.Closed, m.FilterEvents, m.Alerts, m.Triage, school, month);
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_school_month")} as t (school, month, reported, closed, filter_events, alerts, triage)
                values (?, ?::date, ?, ?, ?, ?, ?::integer[])
                on conflict (school, month) do update set
                  reported = t.reported + excluded.reported, closed = t.closed + excluded.closed,
                  filter_events = t.filter_events + excluded.filter_events, alerts = t.alerts + excluded.alerts,
                  triage = array(select coalesce(a, 0) + coalesce(b, 0) from unnest(t.triage, excluded.triage) with ordinality as u(a, b, i) order by i)
                """, school, month, m.Reported, m.Closed, m.FilterEvents, m.Alerts, m.Triage);
        }

        if (_subjects.Count > 0)
        {
            var subjects = _subjects.ToList();
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_subject_week")} as t (school, week, kind, ref, n, categories)
                select s, w, k, r, n, string_to_array(c, ',') from unnest(?::text[], ?::integer[], ?::text[], ?::text[], ?::integer[], ?::text[]) as u(s, w, k, r, n, c)
                on conflict (school, week, kind, ref) do update set n = t.n + excluded.n,
                  categories = array(select distinct x from unnest(t.categories || excluded.categories) as x order by x)
                """,
                subjects.Select(s => s.Key.School).ToArray(), subjects.Select(s => s.Key.Week).ToArray(), subjects.Select(s => s.Key.Kind).ToArray(),
                subjects.Select(s => s.Key.Ref).ToArray(), subjects.Select(s => s.Value.Events).ToArray(),
                subjects.Select(s => string.Join(',', s.Value.Categories)).ToArray());
        }

        foreach (var ((school, source), s) in _sources)
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_source")} as t (school, source_id, vendor, batches, events, last_accepted_at, last_event_at)
                values (?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)
                on conflict (school, source_id) do update set vendor = excluded.vendor, batches = t.batches + excluded.batches,
                  events = t.events + excluded.events, last_accepted_at = greatest(t.last_accepted_at, excluded.last_accepted_at),
                  last_event_at = greatest(t.last_event_at, excluded.last_event_at)
                """, school, source, s.Vendor, s.Batches, s.Events, s.LastAcceptedAt.ToUniversalTime(), (object?)s.LastEventAt?.ToUniversalTime() ?? DBNull.Value);

        foreach (var (school, s) in _schools)
            operations.QueueSqlCommand($"""
                insert into {RollupSchema.Table("rpt_school")} as t (school, newest_occurred_at, last_processed_at, last_processed_occurred_at, subjects_version)
                values (?, ?::timestamptz, ?::timestamptz, ?::timestamptz, ?)
                on conflict (school) do update set
                  newest_occurred_at = greatest(t.newest_occurred_at, excluded.newest_occurred_at),
                  last_processed_occurred_at = case when t.last_processed_at is null or excluded.last_processed_at >= t.last_processed_at
                    then coalesce(excluded.last_processed_occurred_at, t.last_processed_occurred_at) else t.last_processed_occurred_at end,
                  last_processed_at = greatest(t.last_processed_at, excluded.last_processed_at),
                  subjects_version = t.subjects_version + excluded.subjects_version
                """, school, Utc(s.NewestOccurredAt), Utc(s.ProcessedAt), Utc(s.ProcessedOccurredAt), s.SubjectsChanged ? 1L : 0L);
    }

    private static object Utc(DateTimeOffset? at) => (object?)at?.ToUniversalTime() ?? DBNull.Value;

    /// <summary>The advisory-lock key of a school's rollups.</summary>
    public static long LockKey(string school) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("trustsafety-reporting-rollup:" + school)), 0);

    public static DateOnly MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1);
    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>
    /// The period of counters that are a snapshot rather than about a period. Not DateOnly.MaxValue: Npgsql writes
    /// that as 'infinity', which no range matches.
    /// </summary>
    public static readonly DateOnly Timeless = new(9000, 1, 1);

    /// <summary>
    /// Serialises the consumers of one entity (an incident, a pupil's consent, a device): its facts may arrive at once on
    /// different queues, and each folds into the entity's state and the counters' difference from what it loads. Opens the
    /// session's transaction and holds the lock until it commits.
    /// </summary>
    public static async Task LockEntity(IDocumentSession session, string school, string entity, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection ?? throw new InvalidOperationException("The session has no connection.");
        await using var command = new Npgsql.NpgsqlCommand("select pg_advisory_xact_lock($1)", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = LockKey($"entity:{school}:{entity}") });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An ISO week as one sortable number, e.g. 2026-W48 = 202648.</summary>
    public static int WeekOf(DateTimeOffset at) => ISOWeek.GetYear(at.UtcDateTime) * 100 + ISOWeek.GetWeekOfYear(at.UtcDateTime);
    public static int WeekOf(DateOnly day) => WeekOf(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    public static string WeekKey(int week) => string.Create(CultureInfo.InvariantCulture, $"{week / 100}-W{week % 100:00}");

    /// <summary>A key of several parts; a part never holds the separator.</summary>
    public static string Key(params string?[] parts) => string.Join('|', parts.Select(p => (p ?? "").Replace('|', '/')));

    private sealed class MonthDelta
    {
        public int Reported, Closed, Alerts;
        public long FilterEvents;
        public readonly int[] Triage = TriageHistogram.Empty();
        public bool IsZero => Reported == 0 && Closed == 0 && FilterEvents == 0 && Alerts == 0 && Triage.All(t => t == 0);
    }

    private sealed class SubjectDelta
    {
        public int Events;
        public readonly SortedSet<string> Categories = new(StringComparer.Ordinal);
    }

    private sealed class SourceDelta
    {
        public string Vendor = "";
        public long Batches, Events;
        public DateTimeOffset LastAcceptedAt;
        public DateTimeOffset? LastEventAt;
    }

    private sealed class SchoolDelta
    {
        public DateTimeOffset? NewestOccurredAt, ProcessedAt, ProcessedOccurredAt;
        public bool SubjectsChanged;
    }
}
