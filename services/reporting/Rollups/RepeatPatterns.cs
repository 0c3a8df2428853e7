using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustSafety.Reporting.Figures;

namespace TrustSafety.Reporting.Rollups;

/// <summary>
/// Repeat patterns: pseudonymous devices and users seen in two or more of the <see cref="Weeks"/> ISO weeks ending with
/// the period's last week (or this week, if the period runs on). A pattern matters while it is current, and over a
/// whole year nearly every pupil who meets the filter "repeats", so a longer period does not widen the window.
/// Each school's patterns are computed from its weekly subject facts into a snapshot that views read, recomputed when
/// the school's subject facts changed and the snapshot is older than <c>Reporting:RepeatPatternsMaxAge</c>; a window
/// that ended more than two weeks before its snapshot was taken is final.
/// </summary>
public sealed class RepeatPatterns(TimeProvider time, IOptions<ReportingOptions> options)
{
    public const int Weeks = 8;
    public const int Top = 50;
    private static readonly TimeSpan Settled = TimeSpan.FromDays(14);

    public sealed record Snapshot(int Subjects, IReadOnlyList<RepeatSubject> TopSubjects);

    private sealed class StateRow
    {
        public string School { get; set; } = "";
        public long SubjectsVersion { get; set; }
        public long? Version { get; set; }
        public DateTime? ComputedAt { get; set; }
        public int? Subjects { get; set; }
    }

    /// <summary>The week whose window a period shows: the period's last week, or this week if that is later.</summary>
    public static int EndWeek(Periods.MonthRange range, DateTimeOffset now)
    {
        var lastDay = range.End.AddDays(-1);
        return RollupChanges.WeekOf(lastDay < now ? lastDay : now);
    }

    public static int[] WindowOf(int endWeek)
    {
        var monday = ISOWeek.ToDateTime(endWeek / 100, endWeek % 100, DayOfWeek.Monday);
        return Enumerable.Range(0, Weeks).Select(i => RollupChanges.WeekOf(new DateTimeOffset(monday.AddDays(-7 * i), TimeSpan.Zero))).Order().ToArray();
    }

    /// <summary>
    /// Each school's repeat-pattern snapshot for the window ending at <paramref name="endWeek"/>. With several schools only
    /// the <see cref="Top"/> patterns across them all are returned (with every school's count): the trust view shows no
    /// more, and the database picks them without shipping every school's list.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Snapshot>> For(NpgsqlConnection connection, IReadOnlyList<string> schools, int endWeek,
        CancellationToken ct, bool exact = false)
    {
        var now = time.GetUtcNow();
        // The schools' subject-fact versions and their snapshots for this window, in one round trip.
        var state = (await connection.QueryAsync<StateRow>(new CommandDefinition($"""
                select u.school, coalesce(s.subjects_version, 0) as SubjectsVersion, r.version, r.computed_at as ComputedAt, r.subjects
                from unnest(@schools) as u(school)
                left join {RollupSchema.Table("rpt_school")} s on s.school = u.school
                left join {RollupSchema.Table("rpt_repeat")} r on r.school = u.school and r.end_week = @endWeek
                """, new { schools = schools.ToArray(), endWeek }, cancellationToken: ct))).ToList();
        var windowEnd = ISOWeek.ToDateTime(endWeek / 100, endWeek % 100, DayOfWeek.Sunday).AddDays(1);

        var result = new Dictionary<string, Snapshot>(StringComparer.Ordinal);
        var fresh = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in state)
        {
            if (Fresh(row, windowEnd, now, exact)) fresh[row.School] = row.Subjects!.Value;
            else result[row.School] = await Compute(connection, row.School, endWeek, row.SubjectsVersion, now, ct);
        }
        if (fresh.Count == 0) return result;

        var top = (await connection.QueryAsync<TopRow>(new CommandDefinition($"""
            select r.school, e.kind, e.ref, e.weeks, e.events, e.categories
            from {RollupSchema.Table("rpt_repeat")} r
            cross join lateral jsonb_to_recordset(r.top) as e(kind text, ref text, weeks integer, events integer, categories text[])
            where r.school = any(@fresh) and r.end_week = @endWeek
            order by e.weeks desc, e.events desc, r.school, e.kind, e.ref
            limit @top
            """, new { fresh = fresh.Keys.ToArray(), endWeek, top = Top }, cancellationToken: ct))).ToLookup(r => r.School, StringComparer.Ordinal);
        foreach (var (school, subjects) in fresh)
            result[school] = new Snapshot(subjects,
                top[school].Select(r => new RepeatSubject(r.Kind, r.Ref, r.Weeks, r.Events, r.Categories)).ToList());
        return result;
    }

    private sealed class TopRow
    {
        public string School { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Ref { get; set; } = "";
        public int Weeks { get; set; }
        public int Events { get; set; }
        public string[] Categories { get; set; } = [];
    }

    /// <summary>
    /// A school's own summary (<paramref name="exact"/>) recomputes whenever its subject facts changed (one school's eight
    /// weeks); views across schools may serve a snapshot up to <c>RepeatPatternsMaxAge</c> old.
    /// </summary>
    private bool Fresh(StateRow s, DateTime windowEnd, DateTimeOffset now, bool exact) =>
        s is { Version: { } version, ComputedAt: { } computedAt }
        && (version == s.SubjectsVersion
            || computedAt - windowEnd > Settled
            || (!exact && now - new DateTimeOffset(computedAt, TimeSpan.Zero) < options.Value.RepeatPatternsMaxAge));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class SubjectRow
    {
        public string Kind { get; set; } = "";
        public string Ref { get; set; } = "";
        public int Weeks { get; set; }
        public long Events { get; set; }
        public string Categories { get; set; } = "";
        public int Total { get; set; }
    }

    private static async Task<Snapshot> Compute(NpgsqlConnection connection, string school, int endWeek, long version, DateTimeOffset now,
        CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<SubjectRow>(new CommandDefinition($"""
            select kind, ref, count(*)::int as weeks, sum(n)::bigint as events, string_agg(array_to_string(categories, ','), ',') as categories,
                   (count(*) over ())::int as total
            from {RollupSchema.Table("rpt_subject_week")}
            where school = @school and week = any(@weeks)
            group by kind, ref
            having count(*) >= 2
            order by weeks desc, events desc, kind, ref
            limit {Top}
            """, new { school, weeks = WindowOf(endWeek) }, cancellationToken: ct))).ToList();
        var snapshot = new Snapshot(rows.FirstOrDefault()?.Total ?? 0, rows.Select(r => new RepeatSubject(r.Kind, r.Ref, r.Weeks, (int)r.Events,
            r.Categories.Split(',', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList())).ToList());
        await connection.ExecuteAsync(new CommandDefinition($"""
            insert into {RollupSchema.Table("rpt_repeat")} as t (school, end_week, version, computed_at, subjects, top)
            values (@school, @endWeek, @version, @now, @subjects, @top::jsonb)
            on conflict (school, end_week) do update set version = excluded.version, computed_at = excluded.computed_at,
              subjects = excluded.subjects, top = excluded.top
            """, new { school, endWeek, version, now = now.UtcDateTime, subjects = snapshot.Subjects,
                top = JsonSerializer.Serialize(snapshot.TopSubjects, Json) }, cancellationToken: ct));
        return snapshot;
    }
}
