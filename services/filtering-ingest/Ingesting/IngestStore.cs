using System.Text.Json.Serialization;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.FilteringIngest.Sources;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace TrustSafety.FilteringIngest.Ingesting;

public static class IngestStore
{
    public const string Schema = "filtering_ingest";
    public const string BatchEventName = "filter_events_ingested.v1";
    public const string AlertEventName = "filter_alert_raised.v1";

    /// <summary>
    /// Quick appends (no inline projection needs stream versions here), stable event names, the async health
    /// projection, and the idempotency-key table the request transaction claims keys in.
    /// </summary>
    public static void Configure(StoreOptions options)
    {
        options.Events.AppendMode = EventAppendMode.Quick;
        // A canonical event has a dozen optional fields that are usually empty: leaving the nulls out makes a 100-event
        // batch ~24 % smaller for PostgreSQL to parse, compress and log (bench/RESULTS.md). Reading treats absent as null.
        options.UseSystemTextJsonForSerialization(configure: json => json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(100);
        options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(250);
        options.Events.MapEventType<FilterEventsIngested>(BatchEventName);
        options.Events.MapEventType<FilterAlertRaised>(AlertEventName);
        options.Events.MapEventType<SourceBatchRecorded>("source_batch_recorded.v1");
        options.Schema.For<Source>().Identity(s => s.Id);
        options.Schema.For<WebhookReceipt>().Identity(r => r.Id);
        options.Schema.For<RejectedRecord>().Identity(r => r.Id).Index(r => r.SourceId);
        options.Schema.For<CrosswalkExtension>().Identity(c => c.Id);
        options.Projections.Add<SourceHealthProjection>(ProjectionLifecycle.Async);

        var keys = new Table(new PostgresqlObjectName(Schema, "ingest_keys", SchemaUtils.IdentifierUsage.General));
        keys.AddColumn<Guid>("source_id").AsPrimaryKey();
        keys.AddColumn<string>("key").AsPrimaryKey();
        keys.AddColumn<DateTimeOffset>("claimed_at").DefaultValueByExpression("now()");
        options.Storage.ExtendedSchemaObjects.Add(keys);
        // Where the retention sweep has got to in mt_events (RetentionSweeper).
        var progress = new Table(new PostgresqlObjectName(Schema, "retention_progress", SchemaUtils.IdentifierUsage.General));
        progress.AddColumn<string>("name").AsPrimaryKey();
        progress.AddColumn<long>("seq_id").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(progress);
        options.Storage.ExtendedSchemaObjects.Add(Function.ForSql($$"""
            create or replace function {{IngestPipeline.ClaimAllKeysFunction}}(p_source uuid, p_keys text[]) returns integer
            language plpgsql as $fn$
            declare claimed integer;
            begin
              insert into {{IngestPipeline.KeysTable}} (source_id, key) select p_source, unnest(p_keys) on conflict do nothing;
              get diagnostics claimed = row_count;
              if claimed < cardinality(p_keys) then
                raise exception 'an idempotency key of this batch was already claimed' using errcode = '{{IngestPipeline.KeysClaimedSqlState}}';
              end if;
              return claimed;
            end
            $fn$;
            """));
    }
}
