using System.Collections.Concurrent;
using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.Messaging;

public sealed class MessagingTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    [Fact]
    public async Task a_safeguarding_alert_opens_one_concern_for_the_safeguarding_team_even_when_delivered_twice()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        await BusReady(dsl.Http);
        var bus = fixture.Host.Services.GetRequiredService<IBus>();
        var consumed = new AlertConsumptions();
        using var _ = bus.ConnectConsumeObserver(consumed);
        var alert = new SafeguardingAlertRaised(Guid.NewGuid(), "141001", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-2),
            "smoothwall", Guid.NewGuid(), "iwf-caic", "content", 5, "blocked", "https://blocked.example/", null, Guid.NewGuid(), "u-1", "10.1.2.3");
        var messageId = Guid.NewGuid();

        await bus.Publish(alert, c => c.MessageId = messageId);
        await bus.Publish(alert, c => c.MessageId = messageId);
        await Eventually.True(() => Task.FromResult(consumed.Count(messageId) == 2), TimeSpan.FromSeconds(20), "both deliveries consumed");

        var opened = await OpenedFrom(dsl, alert.AlertId);
        opened.Count.ShouldBe(1);
        var (incident, _) = await dsl.GetAsync(opened[0]);
        incident.GetProperty("source").GetString().ShouldBe("filter-alert");
        incident.GetProperty("suggestedCategory").GetString().ShouldBe("indecent-images-of-children");
        (await (await fixture.ClientFor("deputy.blakehill")).StatusOfGetAsync($"/incidents/{opened[0]}")).ShouldBe(HttpStatusCode.OK);
        (await OpenedFrom(await fixture.ClientFor("dsl.caldecote"), alert.AlertId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_forwarder_publishes_incident_reported_to_rabbitmq_with_the_event_id_and_school()
    {
        var received = new ConcurrentQueue<ConsumeContext<IncidentReported>>();
        var listener = await fixture.VirtualHost.StartBusAsync(cfg =>
            cfg.ReceiveEndpoint($"incident-tests-{Guid.NewGuid():N}", e =>
            {
                e.AutoDelete = true;
                e.Handler<IncidentReported>(context => { received.Enqueue(context); return Task.CompletedTask; });
            }));
        try
        {
            var dsl = await fixture.ClientFor("dsl.blakehill");
            var (id, _) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "online-hate"));

            var message = await Eventually.Returns(() => Task.FromResult(received.FirstOrDefault(m => m.Message.IncidentId == id)),
                m => m is not null, TimeSpan.FromSeconds(30), "IncidentReported on the bus");
            message!.Message.SchoolUrn.ShouldBe("141001");
            message.Message.Category.ShouldBe("online-hate");
            message.Message.Source.ShouldBe("staff");
            message.MessageId.ShouldNotBeNull();
            message.Headers.Get<string>("tenant-id").ShouldBe("141001");
        }
        finally
        {
            await listener.StopAsync();
        }
    }

    private static async Task BusReady(HttpClient http) => await Eventually.True(async () =>
    {
        using var response = await http.GetAsync("/health/ready");
        return response.StatusCode == HttpStatusCode.OK;
    }, TimeSpan.FromSeconds(30), "the service's bus and database are ready");

    private static async Task<IReadOnlyList<Guid>> OpenedFrom(IncidentClient client, Guid alertId)
    {
        var ids = await client.ListAsync();
        var opened = new List<Guid>();
        foreach (var id in ids)
        {
            var (incident, _) = await client.GetAsync(id, "test: find the filter alert");
            if (incident.GetProperty("filterAlert") is { ValueKind: System.Text.Json.JsonValueKind.Object } a && a.GetProperty("alertId").GetGuid() == alertId)
                opened.Add(id);
        }
        return opened;
    }

    private sealed class AlertConsumptions : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> _counts = new();
        public int Count(Guid messageId) => _counts.GetValueOrDefault(messageId);
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is SafeguardingAlertRaised && context.MessageId is { } id) _counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
