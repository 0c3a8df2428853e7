using System.Net;
using System.Text.Json;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.SendingEmail;

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

    private static async Task<HttpResponseMessage> RetryAsync(HttpClient client, Guid delivery, long? version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/deliveries/{delivery}/retry");
        if (version is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await client.SendAsync(request);
    }

    /// <summary>The sender may record an attempt between two requests: a 412 names the current version, which is sent next.</summary>
    private static async Task<HttpResponseMessage> RetryCurrentAsync(HttpClient client, Guid delivery, long version)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await RetryAsync(client, delivery, version);
            if (response.StatusCode != HttpStatusCode.PreconditionFailed || attempt == 5) return response;
            version = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("currentVersion").GetInt64();
            response.Dispose();
        }
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
        var version = dead.Value.GetProperty("version").GetInt64();
        using var caldecote = await fixture.ClientFor("dsl.caldecote");
        (await RetryAsync(caldecote, delivery, version)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        fixture.Mailbox.Refused.TryRemove("dsl.typo@blakehill.example", out _);
        using var client = await fixture.ClientFor("dsl.blakehill");
        using var retried = await RetryAsync(client, delivery, version);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = JsonDocument.Parse(await retried.Content.ReadAsStringAsync()).RootElement.GetProperty("version").GetInt64();
        (await RetryCurrentAsync(client, delivery, after)).StatusCode.ShouldBeOneOf(HttpStatusCode.Conflict);

        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(delivery).Count == 1), TimeSpan.FromSeconds(30), "sent after the retry");
        await Eventually.True(async () => (await DeliveryAsync(delivery))?.GetProperty("status").GetString() == "sent", TimeSpan.FromSeconds(10), "sent");
    }

    [Fact]
    public async Task a_retry_needs_the_version_read_428_without_it_and_412_with_a_stale_one()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example" });
        var alert = Alert();
        var delivery = NotificationsFixture.DeliveryId($"safeguarding-alert:{alert.AlertId}", dsl);
        await fixture.Bus.Publish(alert);
        var queued = await Eventually.Returns(() => DeliveryAsync(delivery), d => d is not null, TimeSpan.FromSeconds(30), "the email queued");
        queued!.Value.GetProperty("version").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        using var client = await fixture.ClientFor("dsl.blakehill");

        using (var withoutIfMatch = await RetryAsync(client, delivery, version: null))
        {
            withoutIfMatch.StatusCode.ShouldBe((HttpStatusCode)428);
            JsonDocument.Parse(await withoutIfMatch.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString().ShouldBe("If-Match header required");
        }
        using (var stale = await RetryAsync(client, delivery, version: 999_999))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            JsonDocument.Parse(await stale.Content.ReadAsStringAsync()).RootElement.GetProperty("currentVersion").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        }

        using var operatorClient = await fixture.ClientFor("it.admin");
        (await RetryAsync(operatorClient, Guid.NewGuid(), version: null)).StatusCode.ShouldBe((HttpStatusCode)428, "the operator's unknown id: If-Match first, as everywhere");
        (await RetryAsync(operatorClient, Guid.NewGuid(), version: 1)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RetryAsync(operatorClient, delivery, version: 999_999)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed, "found in its school");
    }
}
