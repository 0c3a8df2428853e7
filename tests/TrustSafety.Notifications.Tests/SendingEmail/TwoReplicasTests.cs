using System.Net;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.SendingEmail;

/// <summary>
/// Two replicas of notifications on one database and one broker, as Kubernetes runs them: both consume (competing on
/// the queue), only the elected one sends, and every alert is still exactly one email per recipient.
/// </summary>
public sealed class TwoReplicasTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    [Fact]
    public async Task two_replicas_send_each_alert_exactly_once_even_when_each_receives_a_copy()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        await using var second = fixture.Host.WithWebHostBuilder(_ => { });
        using (var probe = second.CreateClient())
            await Eventually.True(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the second replica is ready");

        var alerts = Enumerable.Range(0, 20).Select(i => new SafeguardingAlertRaised(Guid.NewGuid(), NotificationsFixture.Blakehill,
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "smoothwall", Guid.NewGuid(), "self-harm", "content", 5, "allowed", null, null, null,
            $"pupil-{i}", null)).ToList();
        var buses = new[] { fixture.Bus, second.Services.GetRequiredService<IBus>() };
        for (var i = 0; i < alerts.Count; i++)
        {
            // Every alert published twice under one message id and once under another, from both replicas' buses.
            var messageId = Guid.NewGuid();
            await buses[i % 2].Publish(alerts[i], c => c.MessageId = messageId);
            await buses[(i + 1) % 2].Publish(alerts[i], c => c.MessageId = messageId);
            await buses[(i + 1) % 2].Publish(alerts[i], c => c.MessageId = Guid.NewGuid());
        }

        var deliveries = alerts.Select(a => NotificationsFixture.DeliveryId($"safeguarding-alert:{a.AlertId}", dsl)).ToList();
        await Eventually.True(() => Task.FromResult(deliveries.All(d => fixture.Mailbox.With(d).Count >= 1)), TimeSpan.FromSeconds(60),
            "an email for every alert");
        await Eventually.True(async () =>
        {
            var sent = (await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?status=sent&pageSize=200")).GetProperty("items")
                .EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToHashSet();
            return deliveries.All(sent.Contains);
        }, TimeSpan.FromSeconds(30), "every email recorded as sent");
        deliveries.ShouldAllBe(d => fixture.Mailbox.With(d).Count == 1);
    }
}
