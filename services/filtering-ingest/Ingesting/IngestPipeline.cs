using JasperFx;
using Marten;
using Npgsql;
using NpgsqlTypes;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Attribution;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.Ingesting;

/// <summary>
/// Parsed records → normalised, attributed, de-duplicated canonical events, appended in ONE transaction with the
/// health record, the rejected samples and the webhook receipt. Nothing is acknowledged before the commit.
/// </summary>
public sealed class IngestPipeline(IDocumentStore store, CrosswalkCatalog crosswalks, IAttribution attribution, TimeProvider time)
{
    public const int MaxRejectedSamplesPerBatch = 20;
    internal const string KeysTable = "filtering_ingest.ingest_keys";
    /// <summary>Claims every key or raises <see cref="KeysClaimedSqlState"/> (see <see cref="IngestStore"/>).</summary>
    internal const string ClaimAllKeysFunction = "filtering_ingest.claim_all_keys";
    internal const string KeysClaimedSqlState = "TS409";

    public async Task<WebhookReceipt?> FindReceiptAsync(Source source, string webhookId, CancellationToken ct)
    {
        await using var session = store.QuerySession(source.HomeTenant);
        return await session.LoadAsync<WebhookReceipt>(WebhookReceipt.IdFor(source.Id, webhookId), ct);
    }

    public async Task<IngestOutcome> IngestAsync(Source source, AdapterOutput parsed, string channel, string? webhookId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var crosswalk = crosswalks.Current;

        var attributed = await AttributeAsync(source, parsed.Records.Select(r => r.Record), ct);
        var normalised = new List<(string Tenant, FilterEvent Event)>(parsed.Records.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var crosswalkVendors = new Dictionary<string, string>(StringComparer.Ordinal);
        var inBatchDuplicates = 0;
        foreach (var (_, record) in parsed.Records)
        {
            var who = source.IsTrustWide ? attributed.GetValueOrDefault(record, Attributed.Unknown) : new Attributed(source.SchoolUrn, null);
            var e = Normaliser.Normalise(record, source.Id, source.Vendor, crosswalk, who.DeviceId);
            if (!seen.Add(e.Key)) { inBatchDuplicates++; continue; }
            if (e.UnknownCategory) crosswalkVendors[e.Key] = record.CategoryVendor ?? source.Vendor;
            normalised.Add((who.SchoolUrn ?? IngestTenants.Trust, e));
        }

        // Fast path, the usual case: every key is new. The keys are claimed by a statement in the same batch as the
        // append, so a request costs one batch and the commit; a key seen before aborts the batch and we redo it below.
        try
        {
            await using var session = store.LightweightSession(source.HomeTenant);
            var outcome = Stage(session, source, parsed, channel, webhookId, normalised, inBatchDuplicates, crosswalk.Version, crosswalkVendors, now);
            if (normalised.Count > 0)
                session.QueueSqlCommand($"select {ClaimAllKeysFunction}(?, ?)", source.Id, normalised.Select(n => n.Event.Key).ToArray());
            await session.SaveChangesAsync(ct);
            return outcome;
        }
        catch (Exception ex) when (webhookId is not null && IsDuplicate(ex))
        {
            if (await FindReceiptAsync(source, webhookId, ct) is { } receipt) return Replay(receipt);
            throw;
        }
        catch (Exception ex) when (KeysAlreadyClaimed(ex))
        {
            if (webhookId is not null && await FindReceiptAsync(source, webhookId, ct) is { } receipt) return Replay(receipt);
        }

        // Some records were stored before: claim inside the transaction, keep only the fresh ones.
        try
        {
            await using var session = store.LightweightSession(source.HomeTenant);
            await session.BeginTransactionAsync(ct);
            var fresh = await ClaimKeysAsync(session, source.Id, normalised.Select(n => n.Event.Key).ToArray(), ct);
            var accepted = normalised.Where(n => fresh.Contains(n.Event.Key)).ToList();
            var outcome = Stage(session, source, parsed, channel, webhookId, accepted, inBatchDuplicates + normalised.Count - accepted.Count,
                crosswalk.Version, crosswalkVendors, now);
            await session.SaveChangesAsync(ct);
            return outcome;
        }
        catch (Exception ex) when (webhookId is not null && IsDuplicate(ex))
        {
            if (await FindReceiptAsync(source, webhookId, ct) is { } receipt) return Replay(receipt);
            throw;
        }
    }

    /// <summary>Queues the accepted batch per tenant, its alerts, the health record, rejected samples and the receipt.</summary>
    private static IngestOutcome Stage(IDocumentSession session, Source source, AdapterOutput parsed, string channel, string? webhookId,
        List<(string Tenant, FilterEvent Event)> accepted, int duplicates, string crosswalkVersion,
        IReadOnlyDictionary<string, string> crosswalkVendors, DateTimeOffset now)
    {
        var vendor = source.Vendor;
        var streams = new Dictionary<string, (Guid StreamId, List<object> Events)>(StringComparer.Ordinal);
        foreach (var tenantGroup in accepted.GroupBy(a => a.Tenant, StringComparer.Ordinal))
        {
            var batchId = Guid.CreateVersion7();
            var events = new List<object>
            {
                new FilterEventsIngested(batchId, source.Id, vendor, tenantGroup.Key, now, channel, crosswalkVersion,
                    tenantGroup.Select(a => a.Event).ToList()),
            };
            events.AddRange(tenantGroup.Where(a => Normaliser.RaisesAlert(a.Event))
                .Select(a => new FilterAlertRaised(Guid.CreateVersion7(), source.Id, vendor, tenantGroup.Key, now, a.Event)));
            streams[tenantGroup.Key] = (batchId, events);
        }
        var unknown = accepted.Where(a => a.Event.UnknownCategory)
            .GroupBy(a => (Vendor: crosswalkVendors.GetValueOrDefault(a.Event.Key, vendor), a.Event.VendorCategoryId, a.Event.VendorCategoryLabel))
            .Select(g => new UnknownCategoryCount(g.Key.Vendor, g.Key.VendorCategoryId, g.Key.VendorCategoryLabel, g.Count()))
            .ToList();
        var recorded = new SourceBatchRecorded(source.Id, now, channel, accepted.Count, duplicates, parsed.Errors.Count,
            accepted.Count(a => a.Event.UnknownCategory), accepted.Count == 0 ? null : accepted.Max(a => a.Event.OccurredAt),
            unknown.Count == 0 ? null : unknown);
        if (streams.TryGetValue(source.HomeTenant, out var home)) home.Events.Add(recorded);
        else streams[source.HomeTenant] = (Guid.CreateVersion7(), [recorded]);

        foreach (var (tenant, (streamId, events)) in streams)
        {
            var operations = tenant == source.HomeTenant ? (IDocumentOperations)session : session.ForTenant(tenant);
            operations.Events.StartStream(streamId, events);
        }
        StageRejections(session, source.Id, channel, parsed.Errors, now);
        if (webhookId is not null)
        {
            session.Insert(new WebhookReceipt
            {
                Id = WebhookReceipt.IdFor(source.Id, webhookId), SourceId = source.Id, At = now,
                Accepted = accepted.Count, Duplicates = duplicates, Rejected = parsed.Errors.Count,
                Rejections = parsed.Errors.Take(100).Select(e => e with { Raw = null }).ToList(),
            });
        }
        return new IngestOutcome(accepted.Count, duplicates, parsed.Errors.Count, parsed.Errors, false);
    }

    /// <summary>A body nobody could use is still worth showing the IT admin (health view), though nothing is accepted.</summary>
    public async Task RecordRejectedAsync(Source source, IReadOnlyList<RecordError> errors, string channel, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var session = store.LightweightSession(source.HomeTenant);
        session.Events.StartStream(Guid.CreateVersion7(),
            new SourceBatchRecorded(source.Id, now, channel, 0, 0, Math.Max(1, errors.Count), 0, null));
        StageRejections(session, source.Id, channel, errors, now);
        await session.SaveChangesAsync(ct);
    }

    public static IngestOutcome Replay(WebhookReceipt receipt) =>
        new(receipt.Accepted, receipt.Duplicates, receipt.Rejected, receipt.Rejections, true);

    private static readonly IReadOnlyDictionary<VendorRecord, Attributed> NotTrustWide = new Dictionary<VendorRecord, Attributed>();

    /// <summary>A school's own source names its school: only trust-wide sources ask device-register (by MAC, hostname, IP, user).</summary>
    private async Task<IReadOnlyDictionary<VendorRecord, Attributed>> AttributeAsync(Source source, IEnumerable<VendorRecord> records,
        CancellationToken ct) =>
        source.IsTrustWide ? await attribution.AttributeAsync(source.Id, records.ToList(), ct) : NotTrustWide;

    /// <summary>Inserts the idempotency keys inside the request's transaction; returns the ones not seen before.</summary>
    private static async Task<HashSet<string>> ClaimKeysAsync(IDocumentSession session, Guid sourceId, string[] keys, CancellationToken ct)
    {
        var fresh = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Length == 0) return fresh;
        await using var command = new NpgsqlCommand(
            $"insert into {KeysTable} (source_id, key) select @source, unnest(@keys) on conflict do nothing returning key",
            session.Connection);
        command.Parameters.AddWithValue("source", sourceId);
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) fresh.Add(reader.GetString(0));
        return fresh;
    }

    private static void StageRejections(IDocumentSession session, Guid sourceId, string channel, IReadOnlyList<RecordError> errors, DateTimeOffset now)
    {
        foreach (var error in errors.Take(MaxRejectedSamplesPerBatch))
        {
            session.Insert(new RejectedRecord
            {
                Id = Guid.CreateVersion7(), SourceId = sourceId, At = now, Channel = channel,
                Record = error.Record, Field = error.Field, Reason = error.Reason, Raw = error.Raw,
            });
        }
    }

    private static bool KeysAlreadyClaimed(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: KeysClaimedSqlState }) return true;
        return false;
    }

    private static bool IsDuplicate(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
            if (e is DocumentAlreadyExistsException or PostgresException { SqlState: "23505" }) return true;
        return false;
    }
}
