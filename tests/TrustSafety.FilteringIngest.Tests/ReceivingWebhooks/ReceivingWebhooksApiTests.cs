using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

public sealed class ReceivingWebhooksApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

    [Fact]
    public async Task a_signed_batch_is_accepted_after_commit_and_visible_only_to_its_school()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var response = await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "gambling", 2), ($"{tag}-2", "10.0.0.2", "pornography", 3)));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (body.Accepted, body.Duplicate, body.Rejected).ShouldBe((2, 0, 0));

        using var dsl = await f.ClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/events?take=500")).ShouldContain($"{tag}-1");
        using var otherDsl = await f.ClientFor("dsl.caldecote");
        (await otherDsl.GetStringAsync("/events?take=500")).ShouldNotContain(tag);
    }

    [Fact]
    public async Task a_replayed_webhook_id_is_acknowledged_again_and_stored_once()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var body = Events(($"{tag}-1", "10.0.0.1", "gambling", 2));
        var first = await f.SendSigned(source.Id, secret, body, webhookId: "msg_" + tag);
        var again = await f.SendSigned(source.Id, secret, body, webhookId: "msg_" + tag);

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var replay = (await again.Content.ReadFromJsonAsync<IngestAccepted>())!;
        replay.Replayed.ShouldBeTrue();
        replay.Accepted.ShouldBe(1);
        using var dsl = await f.ClientFor("dsl.blakehill");
        var events = JsonDocument.Parse(await dsl.GetStringAsync("/events?take=500")).RootElement.GetProperty("events");
        events.EnumerateArray().Count(e => e.GetProperty("sourceEventId").GetString() == $"{tag}-1").ShouldBe(1, "stored once");
    }

    [Fact]
    public async Task the_same_event_under_a_new_webhook_id_counts_as_a_duplicate()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        (await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var second = await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "gambling", 2), ($"{tag}-2", "10.0.0.1", "gambling", 2), ($"{tag}-2", "10.0.0.1", "gambling", 2)));
        var counts = (await second.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (counts.Accepted, counts.Duplicate).ShouldBe((1, 2));
    }

    [Fact]
    public async Task concurrent_requests_carrying_the_same_event_store_it_once_and_count_the_rest_as_duplicates()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            f.SendSigned(source.Id, secret, Events(($"{tag}-shared", "10.0.0.1", "gambling", 2), ($"{tag}-own-{i}", "10.0.0.1", "gambling", 2)))));

        var counts = await Task.WhenAll(responses.Select(async r =>
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
            return (await r.Content.ReadFromJsonAsync<IngestAccepted>())!;
        }));
        counts.Sum(c => c.Accepted).ShouldBe(7);
        counts.Sum(c => c.Duplicate).ShouldBe(5);
        using var dsl = await f.ClientFor("dsl.blakehill");
        var events = JsonDocument.Parse(await dsl.GetStringAsync("/events?take=500")).RootElement.GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("sourceEventId").GetString()).Where(id => id!.StartsWith(tag, StringComparison.Ordinal)).ToList();
        events.Count(id => id == $"{tag}-shared").ShouldBe(1, "stored once");
        events.Count.ShouldBe(7);
    }

    [Fact]
    public async Task a_replayed_webhook_id_is_answered_as_the_first_time_even_when_its_body_is_now_unusable()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        (await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "gambling", 2)), webhookId: "msg_" + tag))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var again = await f.SendSigned(source.Id, secret, "not json", webhookId: "msg_" + tag);

        again.StatusCode.ShouldBe(HttpStatusCode.Accepted, await again.Content.ReadAsStringAsync());
        var replay = (await again.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (replay.Replayed, replay.Accepted).ShouldBe((true, 1));
    }

    [Fact]
    public async Task bad_or_missing_signatures_get_401_and_store_nothing()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var body = Events(($"{tag}-1", "10.0.0.1", "gambling", 2));
        var wrongSecret = await f.SendSigned(source.Id, SecretProtector.NewSecret(), body);
        var stale = await f.SendSigned(source.Id, secret, body, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var future = await f.SendSigned(source.Id, secret, body, at: DateTimeOffset.UtcNow.AddMinutes(10));
        var unknownSource = await f.SendSigned(Guid.NewGuid(), secret, body);
        using var anonymous = f.Anonymous();
        var unsigned = await anonymous.PostAsync($"/webhooks/{source.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        foreach (var r in new[] { wrongSecret, stale, future, unknownSource, unsigned })
        {
            r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await r.Content.ReadAsStringAsync()).ShouldContain("\"title\"");
        }
        using var dsl = await f.ClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/events?take=500")).ShouldNotContain(tag);
    }

    [Fact]
    public async Task a_tampered_body_is_refused()
    {
        var (source, secret) = await Blakehill();
        var body = Encoding.UTF8.GetBytes(Events(("t1", "10.0.0.1", "gambling", 2)));
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = StandardWebhookSignature.Sign(secret, "msg_t", ts, body);
        body[^3] = (byte)'9';
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{source.Id}") { Content = new ByteArrayContent(body) };
        request.Headers.Add("webhook-id", "msg_t");
        request.Headers.Add("webhook-timestamp", ts.ToString());
        request.Headers.Add("webhook-signature", signature);
        using var client = f.Anonymous();
        (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_mixed_batch_is_accepted_with_reasons_and_an_unusable_one_is_400_naming_record_and_field()
    {
        var (source, secret) = await Blakehill();
        var good = $$$"""{"occurredAt":"{{{DateTimeOffset.UtcNow:O}}}","activity":{"action":"Blocked"}}""";
        var bad = """{"occurredAt":"2025-01-01T00:00:00Z","activity":{"action":"Exploded"}}""";
        var mixed = await f.SendSigned(source.Id, secret, $"[{good},{bad}]");
        mixed.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var counts = (await mixed.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (counts.Accepted, counts.Rejected).ShouldBe((1, 1));
        counts.Rejections.ShouldHaveSingleItem().Field.ShouldBe("[1].activity.action");

        var allBad = await f.SendSigned(source.Id, secret, $"[{bad}]");
        allBad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await allBad.Content.ReadAsStringAsync()).ShouldContain("records[0].activity.action");
        var notJson = await f.SendSigned(source.Id, secret, "{nope");
        notJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notJson.Content.ReadAsStringAsync()).ShouldContain("\"body\"");
    }

    [Fact]
    public async Task a_body_over_the_size_limit_is_413()
    {
        var (source, secret) = await Blakehill();
        var response = await f.SendSigned(source.Id, secret, "[" + new string(' ', 70_000) + "]");
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).ShouldContain("at most");
    }

    [Fact]
    public async Task a_source_over_its_rate_gets_429_with_retry_after()
    {
        var (source, secret) = await Blakehill(new { name = "slow " + Unique(), format = "canonical-json", rateLimitPerSecond = 2 });
        // Sent at once: sent one by one on a loaded machine, each could take longer than the bucket takes to refill.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))));
        var limited = statuses.First(s => s.StatusCode == HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task trust_wide_events_go_to_the_attributed_school_or_the_unattributed_trust_view_never_to_another_school()
    {
        var (source, secret) = await f.RegisterAsync("it.admin", new { name = "Trust Umbrella " + Unique(), format = "canonical-json" });
        source.TrustWide.ShouldBeTrue();
        var tag = Unique();
        var response = await f.SendSigned(source.Id, secret,
            Events(($"{tag}-known", IngestApiFixture.CaldecoteIp, "gambling", 2), ($"{tag}-unknown", "10.99.99.99", "gambling", 2)));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using var caldecote = await f.ClientFor("dsl.caldecote");
        var caldecoteEvents = await caldecote.GetStringAsync("/events?take=500");
        caldecoteEvents.ShouldContain($"{tag}-known");
        caldecoteEvents.ShouldContain(IngestApiFixture.CaldecoteDevice.ToString());
        caldecoteEvents.ShouldNotContain($"{tag}-unknown");
        using var blakehill = await f.ClientFor("dsl.blakehill");
        (await blakehill.GetStringAsync("/events?take=500")).ShouldNotContain(tag);

        using var lead = await f.ClientFor("trust.lead");
        var unattributed = await lead.GetStringAsync("/unattributed?take=500");
        unattributed.ShouldContain($"{tag}-unknown");
        unattributed.ShouldNotContain($"{tag}-known");
        (await caldecote.GetAsync("/unattributed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var schoolAdmin = await f.ClientFor("it.blakehill");
        (await schoolAdmin.GetAsync("/unattributed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_serious_event_raises_a_safeguarding_alert_and_every_batch_flows_to_reporting()
    {
        var alerts = await f.BindAsync("trustsafety.safeguarding-alert-raised.v1", "test-alerts-" + Unique());
        var batches = await f.BindAsync("trustsafety.filter-events-accepted.v2", "test-batches-" + Unique());
        var (source, secret) = await Blakehill();
        var tag = Unique();
        (await f.SendSigned(source.Id, secret, Events(($"{tag}-iwf", "10.0.0.1", "illegal-iwf", 1), ($"{tag}-low", "10.0.0.1", "gambling", 2))))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var alert = await Eventually.Returns(async () => await Drain(alerts), m => m.Any(x => x.Contains(source.Id.ToString())), TimeSpan.FromSeconds(30), "alert published");
        var alertJson = alert.First(x => x.Contains(source.Id.ToString()));
        var message = JsonDocument.Parse(alertJson).RootElement.GetProperty("message");
        message.GetProperty("severity").GetInt32().ShouldBe(5);
        message.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        message.GetProperty("category").GetString().ShouldBe("illegal-iwf");
        alertJson.ShouldNotContain("pupil-");
        var batch = await Eventually.Returns(async () => await Drain(batches), m => m.Any(x => x.Contains(source.Id.ToString())), TimeSpan.FromSeconds(30), "batch published");
        batch.First(x => x.Contains(source.Id.ToString())).ShouldContain("gambling");
    }

    private static readonly Dictionary<RabbitMQ.Client.IChannel, List<string>> Seen = new();

    private static async Task<List<string>> Drain(RabbitMQ.Client.IChannel channel)
    {
        if (!Seen.TryGetValue(channel, out var list)) Seen[channel] = list = [];
        var queue = (await channel.QueueDeclarePassiveAsync(channel.CurrentQueue ?? "")).QueueName;
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message) list.Add(Encoding.UTF8.GetString(message.Body.Span));
        return list;
    }

    [Fact]
    public async Task a_fortigate_cef_extremism_block_with_only_a_syslog_header_time_is_ctiru_and_alerts_the_dsl()
    {
        var alerts = await f.BindAsync("trustsafety.safeguarding-alert-raised.v1", "test-alerts-" + Unique());
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = "FortiGate CEF " + Unique(), format = "cef" });
        var tag = Unique();
        var sent = DateTimeOffset.UtcNow.AddMinutes(-1);
        var header = TimeZoneInfo.ConvertTime(sent, SourceZones.London).ToString("MMM dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var line = $"<134>{header} fgt CEF:0|Fortinet|Fortigate|v7.4.3|13056|utm:webfilter ftgd_blk blocked|4|externalId={tag} duser=pupil1 src=10.1.2.3 dhost={tag}.example act=blocked request=/ FTNTFGTcat=12 requestContext=Extremist Groups";

        var response = await f.SendSigned(source.Id, secret, line);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var dsl = await f.ClientFor("dsl.blakehill");
        var stored = (await dsl.GetFromJsonAsync<JsonElement>("/events?take=500")).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("host").GetString() == $"{tag}.example");
        stored.GetProperty("uksic").GetString().ShouldBe("illegal-ctiru");
        stored.GetProperty("unknownCategory").GetBoolean().ShouldBeFalse();
        stored.GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(sent.AddTicks(-(sent.Ticks % TimeSpan.TicksPerSecond)));
        var alert = await Eventually.Returns(async () => await Drain(alerts), m => m.Any(x => x.Contains(source.Id.ToString())), TimeSpan.FromSeconds(30), "alert published");
        JsonDocument.Parse(alert.First(x => x.Contains(source.Id.ToString()))).RootElement.GetProperty("message").GetProperty("category").GetString().ShouldBe("illegal-ctiru");
    }

    [Fact]
    public async Task a_generic_cef_record_whose_rt_is_a_date_with_a_zone_is_kept()
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = "Generic CEF " + Unique(), format = "cef" });
        var tag = Unique();
        var rt = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("MMM dd yyyy HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

        var response = await f.SendSigned(source.Id, secret, $"CEF:0|Acme|WebGate|2.1|100|Blocked site|5|rt={rt} src=10.2.3.4 suser=carol act=blocked request=http://{tag}.example/x cat=Terrorism");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.Content.ReadFromJsonAsync<IngestAccepted>())!.Accepted.ShouldBe(1);
        using var dsl = await f.ClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/events?take=500")).ShouldContain($"{tag}.example");
    }

    [Fact]
    public async Task graph_validation_is_echoed_and_a_wrong_client_state_is_refused()
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = "Defender " + Unique(), format = "graph-security-alerts" });
        using var anonymous = f.Anonymous();
        var handshake = await anonymous.PostAsync($"/webhooks/{source.Id}/graph?validationToken=abc%20123", null);
        handshake.StatusCode.ShouldBe(HttpStatusCode.OK);
        handshake.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        (await handshake.Content.ReadAsStringAsync()).ShouldBe("abc 123");

        var wrong = await anonymous.PostAsync($"/webhooks/{source.Id}/graph", new StringContent(Adapters.AdapterFixtures.Graph("high", "guess"), Encoding.UTF8, "application/json"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var right = await anonymous.PostAsync($"/webhooks/{source.Id}/graph", new StringContent(Adapters.AdapterFixtures.Graph("high", secret), Encoding.UTF8, "application/json"));
        right.StatusCode.ShouldBe(HttpStatusCode.Accepted, await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task google_push_needs_the_source_token()
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = "Workspace " + Unique(), format = "google-alert-center" });
        var alert = Convert.ToBase64String(Encoding.UTF8.GetBytes($$$"""{"alertId":"{{{Unique()}}}","createTime":"{{{DateTime.UtcNow:O}}}","type":"User reported phishing","metadata":{"severity":"HIGH"}}"""));
        var body = "{\"message\":{\"data\":\"" + alert + "\",\"attributes\":{\"alertcenter_resource_status\":\"CREATED\"}}}";
        using var anonymous = f.Anonymous();
        (await anonymous.PostAsync($"/webhooks/{source.Id}/google?token=guess", new StringContent(body))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var ok = await anonymous.PostAsync($"/webhooks/{source.Id}/google?token={Uri.EscapeDataString(secret)}", new StringContent(body));
        ok.StatusCode.ShouldBe(HttpStatusCode.Accepted, await ok.Content.ReadAsStringAsync());
    }
}
