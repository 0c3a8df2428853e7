using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.FilteringIngest.ReceivingWebhooks;

/// <summary>The shared steps of every push channel: bounded raw read, source checks, rate, parse, ingest, answer.</summary>
public sealed partial class WebhookReceiver(
    SourceDirectory sources, SourceRateLimiter limiter, FailingCallerLimiter callers, FormatAdapters adapters, IngestPipeline pipeline,
    IOptions<IngestOptions> options, TimeProvider time, ILogger<WebhookReceiver> logger)
{
    public IngestOptions Options => options.Value;
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The raw body up to the webhook size limit, or null when it is over (the caller answers 413).</summary>
    public async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, CancellationToken ct)
    {
        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
        // One byte over the announced length, so the final zero-byte read needs no larger buffer (and no copy).
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(max + 1, Math.Max(4096, (http.Request.ContentLength ?? 4095) + 1)));
        try
        {
            while (true)
            {
                var span = buffer.GetMemory();
                var read = await http.Request.Body.ReadAsync(span, ct);
                if (read == 0) break;
                buffer.Advance(read);
                if (buffer.WrittenCount > max) return null;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.WrittenMemory;
    }

    public ProblemHttpResult TooLarge() => IngestResponses.Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
        $"A webhook or upload body may be at most {options.Value.MaxBodyBytes} bytes (Ingest:MaxBodyBytes). Split the batch and resend.");

    /// <summary>429 for a caller that has used up its failed-request budget; checked before the body is read or a source looked up.</summary>
    public ProblemHttpResult? RefuseFailingCaller(HttpContext http) =>
        callers.Blocked(http) is { } wait
            ? IngestResponses.Problem(StatusCodes.Status429TooManyRequests, "Too many failed requests",
                $"This address sent more than {options.Value.FailingCallerBurst} unauthenticated or unknown-source webhook requests " +
                $"(then {options.Value.FailingCallerPerMinute} a minute). " +
                "Check the source id and secret, then retry after the seconds in Retry-After.", wait, http)
            : null;

    /// <summary>401, counted against the caller's failure budget.</summary>
    public ProblemHttpResult Unauthenticated(HttpContext http, string detail)
    {
        callers.RecordFailure(http);
        return IngestResponses.Problem(StatusCodes.Status401Unauthorized, "Not authenticated", detail);
    }

    /// <summary>400 for a webhook-id longer than any sender needs (it becomes part of a primary key).</summary>
    public static ValidationProblem? RefuseWebhookId(string? id) =>
        id is { Length: > FieldLimits.WebhookId }
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                    ["webhook-id"] = [$"webhook-id is {id.Length} characters; at most {FieldLimits.WebhookId} are accepted. Send a short unique id per message (e.g. msg_<uuid>)."],
                }, title: "The webhook-id header is too long", detail: "Nothing was stored.")
            : null;

    public Task<ActiveSource?> FindAsync(Guid id, CancellationToken ct) => sources.FindAsync(id, ct);

    /// <summary>Paused or over its rate: the answer to give instead of ingesting, else null.</summary>
    public ProblemHttpResult? Gate(ActiveSource source, HttpContext http)
    {
        if (source.Source.State == SourceStates.Paused)
            return IngestResponses.Problem(StatusCodes.Status409Conflict, "Source paused",
                "An IT admin has paused this source; nothing was stored. Resume it (POST /sources/{id}/resume) to accept events again.");
        if (limiter.TryAcquire(source.Source.Id, source.Source.RateLimitPerSecond) is { } wait)
            return IngestResponses.Problem(StatusCodes.Status429TooManyRequests, "Rate limit exceeded",
                $"This source may send {source.Source.RateLimitPerSecond} requests per second. Retry after the seconds in Retry-After.", wait, http);
        return null;
    }

    /// <summary>Parse with the source's adapter, then store in one transaction; 202 only after the commit.</summary>
    public async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> IngestAsync(ActiveSource active, ReadOnlyMemory<byte> body, string channel, string? webhookId,
        HttpContext http, CancellationToken ct)
    {
        var source = active.Source;
        try
        {
            var adapter = adapters.For(source.Format);
            if (adapter is null)
                return IngestResponses.Problem(StatusCodes.Status500InternalServerError, "Source misconfigured", $"Format '{source.Format}' has no adapter.");
            AdapterOutput parsed;
            try
            {
                parsed = adapter.Parse(body.Span, ContextFor(source, time));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogAdapterFailure(logger, ex, source.Format);
                parsed = AdapterOutput.Unusable("body", "The body could not be parsed as " + source.Format + ".");
            }
            FieldLimits.Enforce(parsed);
            if (parsed.BodyError is not null || parsed.Records.Count == 0)
            {
                // A replayed webhook-id is answered as the first time even if its body is unusable now; the ingest
                // itself detects replays by the receipt's unique id, without a lookup per request.
                if (webhookId is not null && await pipeline.FindReceiptAsync(source, webhookId, ct) is { } receipt)
                    return IngestResponses.Accepted(IngestPipeline.Replay(receipt));
                await TryRecordRejected(source, parsed, channel, ct);
                return IngestResponses.Unusable(parsed);
            }
            var outcome = await pipeline.IngestAsync(source, parsed, channel, webhookId, ct);
            return IngestResponses.Accepted(outcome);
        }
        catch (Exception ex) when (StorageProblems.IsDatabaseUnavailable(ex) && !ct.IsCancellationRequested)
        {
            LogStorageDown(logger, source.Id);
            return IngestResponses.Problem(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable",
                "Nothing was stored. Retry the same request (same webhook-id) after the seconds in Retry-After.", TimeSpan.FromSeconds(5), http);
        }
    }

    public static AdapterContext ContextFor(Source source, TimeProvider time) =>
        new(SourceZones.Find(source.TimeZone) ?? SourceZones.London, source.CategoryMap) { Time = time };

    private async Task TryRecordRejected(Source source, AdapterOutput parsed, string channel, CancellationToken ct)
    {
        try
        {
            await pipeline.RecordRejectedAsync(source, parsed.BodyError is { } body ? [body] : parsed.Errors, channel, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OperationCanceledException)
        {
            LogHealthRecordFailed(logger, ex, source.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Adapter {Format} threw instead of reporting a record error")]
    private static partial void LogAdapterFailure(ILogger logger, Exception exception, string format);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL unavailable while ingesting for source {SourceId}; answered 503")]
    private static partial void LogStorageDown(ILogger logger, Guid sourceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record rejected records for source {SourceId}")]
    private static partial void LogHealthRecordFailed(ILogger logger, Exception exception, Guid sourceId);
}
