using System.Net;
using System.Threading.Channels;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.ReceivingWebhooks;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.EventSourcing.EventStore;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.ReceivingSyslog;

/// <summary>
/// Lines from the listeners → the source whose allow-list holds the sender → parsed and buffered per source, flushed
/// as one transaction every FlushInterval or FlushLines. Unparseable lines go to the source's rejected records.
/// While PostgreSQL is down the buffer is kept (bounded) and flushed when it returns.
/// </summary>
public sealed partial class SyslogIngest(
    SourceDirectory directory, FormatAdapters adapters, IngestPipeline pipeline, IOptions<IngestOptions> options,
    TimeProvider time, ILogger<SyslogIngest> logger)
{
    private const int MaxPending = 200_000;
    private readonly Channel<(IPAddress Sender, string Frame)> _lines =
        Channel.CreateBounded<(IPAddress, string)>(new BoundedChannelOptions(MaxPending) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private long _unknownSender;

    public long UnknownSenderLines => Interlocked.Read(ref _unknownSender);

    /// <summary>Whether any live source accepts syslog from this address (checked when a TCP connection opens).</summary>
    public async Task<bool> IsAllowedAsync(IPAddress sender, CancellationToken ct) =>
        (await directory.WithSendersAsync(ct)).Any(s => SenderAllowList.Allows(s.Source.AllowedSenders, sender));

    public ValueTask AcceptAsync(IPAddress sender, string frame, CancellationToken ct) => _lines.Writer.WriteAsync((sender, frame), ct);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var pending = new Dictionary<Guid, (Source Source, AdapterOutput Output)>();
        var interval = options.Value.Syslog.FlushInterval;
        var flushLines = options.Value.Syslog.FlushLines;
        var lastFlush = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(interval);
            try
            {
                if (await _lines.Reader.WaitToReadAsync(wait.Token))
                {
                    var sources = await SafeSourcesAsync(stoppingToken);
                    while (_lines.Reader.TryRead(out var item))
                    {
                        Buffer(pending, sources, item.Sender, item.Frame);
                        if (pending.Values.Sum(p => p.Output.Total) >= flushLines) break;
                    }
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
            catch (OperationCanceledException) { break; }

            if (pending.Count > 0 && (time.GetUtcNow() - lastFlush >= interval || pending.Values.Sum(p => p.Output.Total) >= flushLines))
            {
                await FlushAsync(pending, stoppingToken);
                lastFlush = time.GetUtcNow();
            }
        }
        if (pending.Count > 0) await FlushAsync(pending, CancellationToken.None);
    }

    private async Task<IReadOnlyList<ActiveSource>> SafeSourcesAsync(CancellationToken ct)
    {
        try { return await directory.WithSendersAsync(ct); }
        catch (Exception ex) when (StorageProblems.IsDatabaseUnavailable(ex)) { return []; }
    }

    private void Buffer(Dictionary<Guid, (Source Source, AdapterOutput Output)> pending, IReadOnlyList<ActiveSource> sources, IPAddress sender, string frame)
    {
        // The most specific allow-list entry decides; a paused owner drops the line rather than passing it to a wider range.
        var source = SenderAllowList.Route(sources, s => s.Source, sender)?.Source;
        if (source is null || source.State != SourceStates.Active)
        {
            if (Interlocked.Increment(ref _unknownSender) % 1000 == 1) LogUnknownSender(logger, sender.ToString());
            return;
        }
        if (!pending.TryGetValue(source.Id, out var entry))
            pending[source.Id] = entry = (source, new AdapterOutput());
        var index = entry.Output.Total;
        if (adapters.For(source.Format) is not ILineAdapter adapter)
        {
            entry.Output.Errors.Add(new RecordError(index, "format", $"Format {source.Format} cannot be read from syslog; use fortigate-kv, cef, paloalto-syslog or sophos-firewall-kv.", Text.Excerpt(frame)));
            return;
        }
        try
        {
            var message = SyslogMessage.Parse(frame);
            var record = adapter.ParseLine(message.Payload, message.WithHeaderTime(WebhookReceiver.ContextFor(source, time)), out var error, index);
            if (record is not null && FieldLimits.Check(record, index) is { } tooLong) entry.Output.Errors.Add(tooLong with { Raw = Text.Excerpt(frame) });
            else if (record is not null) entry.Output.Records.Add((index, record));
            else entry.Output.Errors.Add(error ?? new RecordError(index, "line", "The line could not be read.", Text.Excerpt(frame)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            entry.Output.Errors.Add(new RecordError(index, "line", "The line could not be read.", Text.Excerpt(frame)));
        }
    }

    private async Task FlushAsync(Dictionary<Guid, (Source Source, AdapterOutput Output)> pending, CancellationToken ct)
    {
        foreach (var (id, (source, output)) in pending.ToList())
        {
            try
            {
                if (output.Records.Count > 0) await pipeline.IngestAsync(source, output, "syslog", null, ct);
                else await pipeline.RecordRejectedAsync(source, output.Errors, "syslog", ct);
                pending.Remove(id);
            }
            catch (Exception ex) when (StorageProblems.IsDatabaseUnavailable(ex) && !ct.IsCancellationRequested)
            {
                LogFlushDeferred(logger, source.Id, output.Total);
                if (output.Total > MaxPending) pending.Remove(id);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogFlushFailed(logger, ex, source.Id, output.Total);
                pending.Remove(id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog from {Sender} matches no source's allow-list; lines are not accepted")]
    private static partial void LogUnknownSender(ILogger logger, string sender);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL unavailable: {Lines} syslog lines for source {SourceId} stay buffered")]
    private static partial void LogFlushDeferred(ILogger logger, Guid sourceId, int lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Lines} syslog lines for source {SourceId} failed")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, Guid sourceId, int lines);
}
