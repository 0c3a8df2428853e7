using System.Net;
using System.Text.Json;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Api;

/// <summary>The school's relay fails: every attempt is recorded, retried with back-off, dead-lettered at the end, and sent again on request.</summary>
public sealed class RelayOutageTests(RelayOutageFixture fixture) : IClassFixture<RelayOutageFixture>
{
    private static SafeguardingAlertRaised Alert() => new(Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow,
        DateTimeOffset.UtcNow, "smoothwall", Guid.NewGuid(), "self-harm", "content", 5, "allowed", null, null, null, "pupil-3", null);

    private async Task<JsonElement?> DeliveryAsync(Guid id)
    {
        var page = await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Where(d => d.GetProperty("id").GetGuid() == id).Cast<JsonElement?>().FirstOrDefault();
    }

    [Fact]
    public async Task when_the_relay_is_down_the_failure_is_recorded_and_the_email_is_delivered_once_it_is_back()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        await fixture.Mailbox.CloseAsync();
        var alert = Alert();
        var delivery = NotificationsFixture.DeliveryId($"safeguarding-alert:{alert.AlertId}", dsl);
        try
        {
            await fixture.Bus.Publish(alert);

            var failing = await Eventually.Returns(() => DeliveryAsync(delivery), d => d?.GetProperty("status").GetString() == "failing",
                TimeSpan.FromSeconds(30), "the failed attempt recorded");
            failing!.Value.GetProperty("lastError").GetString()!.ShouldContain("SMTP relay");
            failing.Value.GetProperty("attempts").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
            (await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?status=failing")).GetProperty("items").EnumerateArray()
                .ShouldContain(d => d.GetProperty("id").GetGuid() == delivery);
        }
        finally
        {
            fixture.Mailbox.Open();
        }

        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(delivery).Count == 1), TimeSpan.FromSeconds(30), "the email after the relay came back");
        var sent = await Eventually.Returns(() => DeliveryAsync(delivery), d => d?.GetProperty("status").GetString() == "sent",
            TimeSpan.FromSeconds(10), "recorded as sent");
        sent!.Value.GetProperty("totalAttempts").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        fixture.Mailbox.With(delivery).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_mailbox_the_relay_keeps_refusing_is_dead_lettered_and_the_dsl_can_send_it_again()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl.typo@blakehill.example" });
        fixture.Mailbox.Refused["dsl.typo@blakehill.example"] = true;
        var alert = Alert();
        var delivery = NotificationsFixture.DeliveryId($"safeguarding-alert:{alert.AlertId}", dsl);

        await fixture.Bus.Publish(alert);

        var dead = await Eventually.Returns(() => DeliveryAsync(delivery), d => d?.GetProperty("status").GetString() == "dead",
            TimeSpan.FromSeconds(45), "dead-lettered after every retry");
        dead!.Value.GetProperty("attempts").GetInt32().ShouldBe(4);
        (await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?status=dead")).GetProperty("items").EnumerateArray()
            .ShouldContain(d => d.GetProperty("id").GetGuid() == delivery);
        (await fixture.GetJsonAsync("it.admin", "/deliveries?status=dead")).GetProperty("items").EnumerateArray()
            .ShouldContain(d => d.GetProperty("id").GetGuid() == delivery && d.GetProperty("school").GetString() == NotificationsFixture.Blakehill);
        using var caldecote = await fixture.ClientFor("dsl.caldecote");
        (await caldecote.PostAsync($"/deliveries/{delivery}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        fixture.Mailbox.Refused.TryRemove("dsl.typo@blakehill.example", out _);
        using var client = await fixture.ClientFor("dsl.blakehill");
        (await client.PostAsync($"/deliveries/{delivery}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync($"/deliveries/{delivery}/retry", null)).StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict);

        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(delivery).Count == 1), TimeSpan.FromSeconds(30), "sent after the retry");
        await Eventually.True(async () => (await DeliveryAsync(delivery))?.GetProperty("status").GetString() == "sent", TimeSpan.FromSeconds(10), "sent");
    }
}
