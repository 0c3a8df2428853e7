using Marten;
using Npgsql;
using TrustSafety.ServiceDefaults.EventStore;

namespace TrustSafety.FilteringIngest.Ingesting;

/// <summary>
/// Rejected-record samples (raw excerpts) are kept only for a while; idempotency keys only as long as a vendor could
/// plausibly resend. Runs hourly; a failure waits for the next round.
/// </summary>
public sealed partial class RetentionSweeper(IDocumentStore store, IConfiguration configuration, TimeProvider time, ILogger<RetentionSweeper> logger)
    : BackgroundService
{
    public static readonly TimeSpan KeepRejected = TimeSpan.FromDays(14);
    public static readonly TimeSpan KeepKeys = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try { await SweepAsync(stoppingToken); }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogSweepFailed(logger, ex); }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using (var session = store.LightweightSession(new Marten.Services.SessionOptions { AllowAnyTenant = true }))
        {
            var cutoff = now - KeepRejected;
            session.DeleteWhere<RejectedRecord>(r => r.AnyTenant() && r.At < cutoff);
            await session.SaveChangesAsync(ct);
        }
        await using var connection = new NpgsqlConnection(EventStoreSetup.ConnectionString(configuration));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"delete from {IngestPipeline.KeysTable} where claimed_at < @cutoff", connection);
        command.Parameters.AddWithValue("cutoff", now - KeepKeys);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; retrying in an hour")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
