using Marten;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.FilteringIngest.SweepingRetention;

/// <summary>How long filtering-ingest keeps raw detail (section <c>Retention</c>, validated at start).</summary>
public sealed class IngestRetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Rejected-record samples (raw excerpts of vendor payloads) are deleted after this many days.</summary>
    public int RawVendorPayloadDays { get; set; } = 14;

    /// <summary>
    /// A stored filter event's raw detail — the vendor's user name, URL, search term, device name, IP and MAC — is removed
    /// after this many days. The event stays, with its time, school, category, 4C, severity, action, host and the
    /// pseudonymous user/device references, so counts, trends and the health view are unchanged.
    /// </summary>
    public int FilterEventDetailDays { get; set; } = 90;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Retention of raw detail, run hourly by the daemon leader only (one sweeper per deployment, whatever the replica count):
/// rejected-record samples and idempotency keys are deleted, filter events past <see cref="IngestRetentionOptions.FilterEventDetailDays"/>
/// lose their raw detail in place. Events are walked in sequence order from a stored mark, so each sweep reads only what
/// aged since the last one. A failure waits for the next round.
/// </summary>
public sealed partial class RetentionSweeper(
    IDocumentStore store, IConfiguration configuration, TimeProvider time, IOptions<IngestRetentionOptions> options,
    LeaderElectedDaemon leader, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan KeepKeys = TimeSpan.FromDays(30);
    /// <summary>Fields of <see cref="Canonical.FilterEvent"/> removed at the end of their retention (stored property names).</summary>
    public static readonly string[] RawDetailFields = ["RawUser", "Url", "SearchTerm", "DeviceName", "Ip", "Mac"];
    internal const string ProgressTable = IngestStore.Schema + ".retention_progress";
    private const int Page = 1000;
    private long _ticks;
    private long _sweeps;

    /// <summary>Timer ticks seen and sweeps run (a follower ticks without sweeping).</summary>
    public (long Ticks, long Sweeps) Runs => (Interlocked.Read(ref _ticks), Interlocked.Read(ref _sweeps));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (leader.IsLeader)
                {
                    try
                    {
                        await SweepAsync(stoppingToken);
                        Interlocked.Increment(ref _sweeps);
                    }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogSweepFailed(logger, ex); }
                }
                Interlocked.Increment(ref _ticks);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        await using (var session = store.LightweightSession(new Marten.Services.SessionOptions { AllowAnyTenant = true }))
        {
            var cutoff = now - TimeSpan.FromDays(o.RawVendorPayloadDays);
            session.DeleteWhere<RejectedRecord>(r => r.AnyTenant() && r.At < cutoff);
            await session.SaveChangesAsync(ct);
        }
        await using var connection = new NpgsqlConnection(EventStoreSetup.ConnectionString(configuration));
        await connection.OpenAsync(ct);
        await using (var command = new NpgsqlCommand($"delete from {IngestPipeline.KeysTable} where claimed_at < @cutoff", connection))
        {
            command.Parameters.AddWithValue("cutoff", now - KeepKeys);
            await command.ExecuteNonQueryAsync(ct);
        }
        var removed = await RemoveRawDetailAsync(connection, now - TimeSpan.FromDays(o.FilterEventDetailDays), ct);
        if (removed > 0) LogDetailRemoved(logger, removed, o.FilterEventDetailDays);
    }

    /// <summary>Strips the raw detail from every batch and alert event stored before the cutoff; returns how many events changed.</summary>
    private static async Task<long> RemoveRawDetailAsync(NpgsqlConnection connection, DateTimeOffset cutoff, CancellationToken ct)
    {
        var events = $"{IngestStore.Schema}.mt_events";
        long changed = 0;
        while (true)
        {
            await using var tx = await connection.BeginTransactionAsync(ct);
            long mark;
            await using (var read = new NpgsqlCommand(
                $"insert into {ProgressTable} (name, seq_id) values ('raw-detail', 0) on conflict (name) do nothing; " +
                $"select seq_id from {ProgressTable} where name = 'raw-detail' for update", connection, tx))
                mark = (long)(await read.ExecuteScalarAsync(ct))!;

            // The last event of the next page stored before the cutoff, counting only an unbroken run from the mark, so an
            // event committed late with a lower sequence is never skipped.
            long? upTo;
            await using (var page = new NpgsqlCommand($"""
                with next as (select seq_id, timestamp from {events} where seq_id > @mark order by seq_id limit {Page}),
                     first_young as (select min(seq_id) as seq_id from next where timestamp >= @cutoff)
                select max(n.seq_id) from next n, first_young y where y.seq_id is null or n.seq_id < y.seq_id
                """, connection, tx))
            {
                page.Parameters.AddWithValue("mark", mark);
                page.Parameters.AddWithValue("cutoff", cutoff);
                upTo = await page.ExecuteScalarAsync(ct) as long?;
            }
            if (upTo is null) { await tx.CommitAsync(ct); return changed; }

            await using (var strip = new NpgsqlCommand($"""
                update {events} set data = case type
                    when '{IngestStore.BatchEventName}' then jsonb_set(data, array['Events'], coalesce(
                        (select jsonb_agg(e - @fields order by i) from jsonb_array_elements(data->'Events') with ordinality as x(e, i)), '[]'::jsonb))
                    else jsonb_set(data, array['Event'], (data->'Event') - @fields) end
                where seq_id > @mark and seq_id <= @upTo
                  and ((type = '{IngestStore.BatchEventName}' and jsonb_typeof(data->'Events') = 'array'
                        and exists (select 1 from jsonb_array_elements(data->'Events') e where e ?| @fields))
                    or (type = '{IngestStore.AlertEventName}' and (data->'Event') ?| @fields))
                """, connection, tx))
            {
                strip.Parameters.AddWithValue("mark", mark);
                strip.Parameters.AddWithValue("upTo", upTo.Value);
                strip.Parameters.Add(new NpgsqlParameter("fields", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = RawDetailFields });
                changed += await strip.ExecuteNonQueryAsync(ct);
            }
            await using (var advance = new NpgsqlCommand($"update {ProgressTable} set seq_id = @upTo where name = 'raw-detail'", connection, tx))
            {
                advance.Parameters.AddWithValue("upTo", upTo.Value);
                await advance.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed raw detail from {Events} filter events older than {Days} days")]
    private static partial void LogDetailRemoved(ILogger logger, long events, int days);
}
