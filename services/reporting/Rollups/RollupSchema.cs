using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace TrustSafety.Reporting.Rollups;

/// <summary>
/// The tables the views read: counters folded as facts arrive, so a report costs O(schools × periods in its range),
/// never all history (docs/operations.md "Reporting rollups"). Marten creates and migrates them with its own tables.
/// </summary>
public static class RollupSchema
{
    public const string Schema = "reporting";

    /// <summary>Bumped when a rollup's shape or meaning changes: the start-up check then rebuilds every school.</summary>
    public const int Version = 3;

    /// <summary>The pseudo-school holding trust-wide counters (e.g. filter categories across every school).</summary>
    public const string TrustWide = "*trust";

    public static string Table(string name) => $"{Schema}.{name}";

    public static void Configure(StoreOptions opts)
    {
        // Generic counters: (school, metric, period, key) -> n. Period is a day or the first of a month, or
        // Counters.Timeless for snapshots that are not about a period (devices, consent by expiry date uses the date).
        var count = new Table(new PostgresqlObjectName(Schema, "rpt_count", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        count.AddColumn<string>("school").AsPrimaryKey();
        count.AddColumn<string>("metric").AsPrimaryKey();
        count.AddColumn("period", "date").AsPrimaryKey();
        count.AddColumn<string>("key").AsPrimaryKey();
        count.AddColumn("n", "bigint").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(count);

        // The trust overview's per-school scalars, one row per school and month.
        var month = new Table(new PostgresqlObjectName(Schema, "rpt_school_month", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        month.AddColumn<string>("school").AsPrimaryKey();
        month.AddColumn("month", "date").AsPrimaryKey();
        month.AddColumn("reported", "integer").NotNull();
        month.AddColumn("closed", "integer").NotNull();
        month.AddColumn("filter_events", "bigint").NotNull();
        month.AddColumn("alerts", "integer").NotNull();
        month.AddColumn("triage", "integer[]").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(month);

        // The same figures as running totals: a row holds everything up to and including its month, so any range is the
        // difference of two rows per school, whatever its length or the length of the history.
        var cumulative = new Table(new PostgresqlObjectName(Schema, "rpt_school_cum", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        cumulative.AddColumn<string>("school").AsPrimaryKey();
        cumulative.AddColumn("month", "date").AsPrimaryKey();
        cumulative.AddColumn("reported", "integer").NotNull();
        cumulative.AddColumn("closed", "integer").NotNull();
        cumulative.AddColumn("filter_events", "bigint").NotNull();
        cumulative.AddColumn("alerts", "integer").NotNull();
        cumulative.AddColumn("triage", "integer[]").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(cumulative);

        // Pseudonymous subjects (vendor-side device/user hashes) per ISO week: the facts repeat patterns are read from.
        var subjects = new Table(new PostgresqlObjectName(Schema, "rpt_subject_week", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        subjects.AddColumn<string>("school").AsPrimaryKey();
        subjects.AddColumn("week", "integer").AsPrimaryKey();
        subjects.AddColumn<string>("kind").AsPrimaryKey();
        subjects.AddColumn<string>("ref").AsPrimaryKey();
        subjects.AddColumn("n", "integer").NotNull();
        subjects.AddColumn("categories", "text[]").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(subjects);

        // Repeat patterns per school for the eight weeks ending at end_week, computed from rpt_subject_week.
        var repeat = new Table(new PostgresqlObjectName(Schema, "rpt_repeat", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        repeat.AddColumn<string>("school").AsPrimaryKey();
        repeat.AddColumn("end_week", "integer").AsPrimaryKey();
        repeat.AddColumn("version", "bigint").NotNull();
        repeat.AddColumn("computed_at", "timestamptz").NotNull();
        repeat.AddColumn("subjects", "integer").NotNull();
        repeat.AddColumn("top", "jsonb").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(repeat);

        // Per school: how fresh its facts are, and a version of its subject facts (repeat snapshots compare it).
        var school = new Table(new PostgresqlObjectName(Schema, "rpt_school", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        school.AddColumn<string>("school").AsPrimaryKey();
        school.AddColumn("newest_occurred_at", "timestamptz");
        school.AddColumn("last_processed_at", "timestamptz");
        school.AddColumn("last_processed_occurred_at", "timestamptz");
        school.AddColumn("subjects_version", "bigint").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(school);

        // Filter ingest per vendor source.
        var source = new Table(new PostgresqlObjectName(Schema, "rpt_source", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        source.AddColumn<string>("school").AsPrimaryKey();
        source.AddColumn("source_id", "uuid").AsPrimaryKey();
        source.AddColumn<string>("vendor").NotNull();
        source.AddColumn("batches", "bigint").NotNull();
        source.AddColumn("events", "bigint").NotNull();
        source.AddColumn("last_accepted_at", "timestamptz").NotNull();
        source.AddColumn("last_event_at", "timestamptz");
        opts.Storage.ExtendedSchemaObjects.Add(source);

        var version = new Table(new PostgresqlObjectName(Schema, "rpt_rollup_version", Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        version.AddColumn<string>("school").AsPrimaryKey();
        version.AddColumn("version", "integer").NotNull();
        version.AddColumn("rebuilt_at", "timestamptz").NotNull();
        opts.Storage.ExtendedSchemaObjects.Add(version);
    }
}
