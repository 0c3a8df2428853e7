using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.Incident.DataProtection;

/// <summary>
/// The key-encryption keys (KEKs) that wrap every data key: the current one wraps new keys; previous ones, kept in
/// configuration during a rotation, still open keys they wrapped until <see cref="KeyRewrap"/> has re-wrapped them
/// under the current one. Each KEK is named by its id, an HMAC of a fixed label under the key: it identifies an escrow
/// copy without revealing it (<c>tools/kek.sh id</c> computes the same).
/// </summary>
public sealed class KeyEncryptionKeys
{
    private const string IdLabel = "trustsafety-kek-id";
    private readonly Dictionary<string, byte[]> _byId;

    public KeyEncryptionKeys(IOptions<DataProtectionOptions> options)
    {
        var current = options.Value.KeyEncryptionKeyBytes();
        CurrentId = IdOf(current);
        Current = current;
        _byId = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [CurrentId] = current };
        foreach (var previous in options.Value.PreviousKeyEncryptionKeys)
        {
            var bytes = Convert.FromBase64String(previous);
            _byId.TryAdd(IdOf(bytes), bytes);
        }
    }

    public string CurrentId { get; }
    public byte[] Current { get; }
    public IReadOnlyCollection<string> Ids => _byId.Keys;

    public static string IdOf(byte[] kek) => "kek-" + Convert.ToHexStringLower(HMACSHA256.HashData(kek, Encoding.UTF8.GetBytes(IdLabel)))[..16];

    /// <summary>The KEK a data key was wrapped with; a key stored before KEK ids existed has none and opens with any.</summary>
    public bool TryGet(string id, out byte[] kek) => _byId.TryGetValue(id, out kek!);

    /// <summary>Every configured KEK, the current one first: for keys wrapped before KEK ids were recorded.</summary>
    public IEnumerable<byte[]> CurrentFirst() => _byId.Values.Prepend(Current).Distinct();
}

/// <summary>A data key was wrapped by a key-encryption key this process was not given.</summary>
public sealed class KeyEncryptionKeyMissingException(string kekId, Exception? inner = null) : Exception(
    $"A data key is wrapped by key-encryption key {kekId}, which is not configured. Add it to " +
    "DataProtection:PreviousKeyEncryptionKeys (from the secret store or its escrow copy) until the rotation has re-wrapped every key.", inner)
{
    public string KekId { get; } = kekId;
}

/// <summary>
/// Re-wraps data keys stored under a previous (or unrecorded) KEK under the current one, in batches. Only the key's
/// wrapping changes, never the key, so nothing sealed is re-encrypted; a key destroyed by erasure in the meantime stays
/// destroyed (the update applies only while the stored wrapping is the one that was read).
/// </summary>
public sealed partial class KeyRewrap(IDocumentStore store, KeyEncryptionKeys keks, IOptions<DataProtectionOptions> options,
    IConfiguration configuration, ILogger<KeyRewrap> logger)
{
    private NpgsqlConnection Connection() => new(EventStoreSetup.ConnectionString(configuration));

    private string Table => $"{((DocumentStore)store).Options.DatabaseSchemaName}.mt_doc_persondatakey";

    /// <summary>Re-wraps up to one batch; returns how many keys it moved to the current KEK.</summary>
    public async Task<int> RewrapBatchAsync(CancellationToken ct)
    {
        var batch = Math.Max(1, options.Value.RewrapBatchSize);
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        var pending = new List<(string Tenant, string Id, string Wrapped, string? KekId)>();
        await using (var select = new NpgsqlCommand(
            $"select tenant_id, id, data->>'WrappedKey', data->>'KekId' from {Table} " +
            "where data->>'WrappedKey' is not null and (data->>'KekId') is distinct from @current limit @batch", connection))
        {
            select.Parameters.AddWithValue("current", keks.CurrentId);
            select.Parameters.AddWithValue("batch", batch);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                pending.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), await reader.IsDBNullAsync(3, ct) ? null : reader.GetString(3)));
        }

        var moved = 0;
        foreach (var (tenant, id, wrapped, kekId) in pending)
        {
            var key = Keyring.UnwrapWith(keks, tenant, id, Convert.FromBase64String(wrapped), kekId);
            var rewrapped = Convert.ToBase64String(Keyring.WrapWith(keks.Current, tenant, id, key));
            CryptographicOperations.ZeroMemory(key);
            await using var update = new NpgsqlCommand(
                $"update {Table} set data = jsonb_set(jsonb_set(data, '{{WrappedKey}}', to_jsonb(@rewrapped::text)), '{{KekId}}', to_jsonb(@current::text)) " +
                "where tenant_id = @tenant and id = @id and data->>'WrappedKey' = @wrapped", connection);
            update.Parameters.AddWithValue("rewrapped", rewrapped);
            update.Parameters.AddWithValue("current", keks.CurrentId);
            update.Parameters.AddWithValue("tenant", tenant);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("wrapped", wrapped);
            moved += await update.ExecuteNonQueryAsync(ct);
        }
        if (moved > 0) LogRewrapped(logger, moved, keks.CurrentId);
        return moved;
    }

    /// <summary>Re-wraps until no key remains under another KEK (or <paramref name="ct"/> ends); the total moved.</summary>
    public async Task<int> RewrapAllAsync(CancellationToken ct)
    {
        var total = 0;
        while (await RewrapBatchAsync(ct) is var moved and > 0) total += moved;
        return total;
    }

    /// <summary>How many live data keys each KEK id wraps (<c>(none)</c>: stored before KEK ids were recorded).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByKekAsync(CancellationToken ct)
    {
        await using var connection = Connection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select coalesce(data->>'KekId', '(none)'), count(*) from {Table} where data->>'WrappedKey' is not null group by 1", connection);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-wrapped {Count} data keys under key-encryption key {KekId}")]
    private static partial void LogRewrapped(ILogger logger, int count, string kekId);
}

/// <summary>The daemon leader re-wraps keys left under a previous KEK, at start and then every <c>RewrapInterval</c>.</summary>
public sealed partial class KeyRewrapTimer(KeyRewrap rewrap, LeaderElectedDaemon leader, IOptions<DataProtectionOptions> options,
    TimeProvider clock, ILogger<KeyRewrapTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RewrapInterval, clock);
        try
        {
            do
            {
                if (!leader.IsLeader) continue;
                try
                {
                    await rewrap.RewrapAllAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-wrapping data keys failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>
/// Readiness: unhealthy while any live data key is wrapped by a KEK this replica was not given (a rollout with the
/// wrong secret then stalls instead of serving "[erased]" for everything); degraded while a rotation is under way.
/// The count is cached for 30 seconds.
/// </summary>
public sealed partial class KeyEncryptionKeysHealthCheck(KeyRewrap rewrap, KeyEncryptionKeys keks, TimeProvider clock,
    ILogger<KeyEncryptionKeysHealthCheck> logger) : IHealthCheck
{
    private sealed record Checked(DateTimeOffset At, HealthCheckResult Result);
    private Checked? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_last is { } last && now - last.At < TimeSpan.FromSeconds(30)) return last.Result;
        var counts = await rewrap.CountByKekAsync(cancellationToken);
        var missing = counts.Keys.Where(id => id != "(none)" && !keks.TryGet(id, out _)).ToList();
        var pending = counts.Where(c => c.Key != keks.CurrentId).Sum(c => c.Value);
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["currentKek"] = keks.CurrentId, ["keysNotYetRewrapped"] = pending };
        var result = missing.Count > 0
            ? HealthCheckResult.Unhealthy($"Data keys are wrapped by key-encryption keys not configured here: {string.Join(", ", missing)}.", data: data)
            : pending > 0
                ? HealthCheckResult.Degraded($"{pending} data keys are still wrapped by a previous key-encryption key (re-wrap in progress).", data: data)
                : HealthCheckResult.Healthy($"Every data key is wrapped by {keks.CurrentId}.", data);
        if (missing.Count > 0) LogMissing(logger, missing, keks.CurrentId); // the logger lists a sequence comma-separated
        _last = new Checked(now, result);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Not ready: data keys are wrapped by key-encryption keys {Missing} that this replica " +
        "was not given (its current KEK is {Current}). Give it the previous KEK in DataProtection:PreviousKeyEncryptionKeys (see docs/data-protection.md).")]
    private static partial void LogMissing(ILogger logger, IReadOnlyList<string> missing, string current);
}
