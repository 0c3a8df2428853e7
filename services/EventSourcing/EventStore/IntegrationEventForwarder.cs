using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;
using TrustSafety.Contracts;

namespace TrustSafety.EventSourcing.EventStore;

/// <summary>Maps a service's committed domain events to the integration events it publishes.</summary>
public interface IIntegrationEventMapper
{
    /// <summary>Domain event types worth fetching (the daemon skips the rest).</summary>
    IReadOnlyCollection<Type> ForwardedEventTypes { get; }

    /// <summary>The integration event for this committed domain event, or null when there is none.</summary>
    IIntegrationEvent? Map(IEvent committed);

    /// <summary>
    /// The messages for a page of committed events: one per event by default (MessageId = the event id). A mapper may
    /// merge high-volume events into fewer messages; it must then give each a MessageId derived from the events it
    /// carries, and consumers must not depend on how events were grouped (a page re-read after a crash may differ).
    /// </summary>
    IEnumerable<OutgoingMessage> MapPage(IReadOnlyList<IEvent> page)
    {
        foreach (var committed in page)
            if (Map(committed) is { } message) yield return new OutgoingMessage(message, committed.Id, committed);
    }
}

/// <summary>A message to publish: its id, and the committed event whose tenant, trace and sequence it carries.</summary>
public sealed record OutgoingMessage(IIntegrationEvent Message, Guid MessageId, IEvent Source);

/// <summary>
/// The outbox: a Marten subscription run by the elected daemon reads committed events and publishes their
/// integration events with <c>MessageId</c> = the Marten event id (or, for messages a mapper merges, an id derived
/// from the events merged), so a re-published page is de-duplicated by consumers. Progress is committed only after the
/// page is published; while RabbitMQ is down the page is retried here, so events wait in PostgreSQL and flow when the
/// broker returns.
/// </summary>
public sealed partial class IntegrationEventForwarder : SubscriptionBase
{
    private static readonly ActivitySource Source = new("TrustSafety.Forwarder");
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(30);
    private readonly IBus _bus;
    private readonly IIntegrationEventMapper _mapper;
    private readonly ILogger<IntegrationEventForwarder> _logger;

    public IntegrationEventForwarder(IBus bus, IIntegrationEventMapper mapper, ILogger<IntegrationEventForwarder> logger)
    {
        _bus = bus;
        _mapper = mapper;
        _logger = logger;
        Name = "integration-forwarder";
        Options.BatchSize = 500;
        foreach (var type in mapper.ForwardedEventTypes) IncludeType(type);
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken ct)
    {
        var pending = _mapper.MapPage(page.Events).ToList();

        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            try
            {
                // Bounded twice: each publish by its token, and the page by WaitAsync, because a publish begun as the
                // broker connection drops can ignore its token and never complete — seen under load, where it held the
                // outbox (and every event behind it) indefinitely after the broker returned. A page given up on is
                // published again; consumers de-duplicate by MessageId.
                await Task.WhenAll(pending.Select(x => Publish(x, ct))).WaitAsync(PageTimeout, ct);
                break;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogPublishFailed(_logger, ex, pending.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt)), ct);
            }
        }
        return NullChangeListener.Instance;
    }

    private async Task Publish(OutgoingMessage outgoing, CancellationToken ct)
    {
        var (message, messageId, committed) = outgoing;
        // No (or a malformed) traceparent: the forward starts a trace of its own.
        if (!ActivityContext.TryParse(committed.GetHeader("traceparent") as string, null, out var parent)) parent = default;
        using var activity = Source.StartActivity($"forward {message.GetType().Name}", ActivityKind.Producer, parent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PublishTimeout);
        await _bus.Publish((object)message, context =>
        {
            context.MessageId = messageId;
            context.Headers.Set("tenant-id", committed.TenantId);
            context.Headers.Set("event-sequence", committed.Sequence);
        }, timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Count} integration events failed (attempt {Attempt}); they stay in the event store and will be retried")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int count, int attempt);
}
