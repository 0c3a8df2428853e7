using System.Net.Http.Headers;
using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.Attribution;

public sealed class TrustWideAttributionTests(TrustWideAttributionFixture f) : IClassFixture<TrustWideAttributionFixture>
{
    private static string NewIp() => $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}";

    private static string Events(params (string Id, string Ip)[] events) => JsonSerializer.Serialize(events.Select(e => new
    {
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        sourceEventId = e.Id,
        subject = new { user = "pupil-" + e.Id },
        device = new { ip = e.Ip },
        activity = new { action = "Blocked", url = "https://example.org/" + e.Id },
        classification = new { categoryLabel = "gambling", severity = 2 },
    }));

    private static string NewMac() => string.Join(':', Enumerable.Range(0, 6).Select(_ => Random.Shared.Next(256).ToString("x2")));

    /// <summary>One record of the canonical format with only the identities given (no user unless one is given).</summary>
    private static object Event(string id, string? ip = null, string? mac = null, string? name = null, string? user = null) => new
    {
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        sourceEventId = id,
        subject = new { user },
        device = new { ip, mac, name },
        activity = new { action = "Blocked", url = "https://example.org/" + id },
        classification = new { categoryLabel = "gambling", severity = 2 },
    };

    private Task<Guid> CaldecoteLaptopAt(string ip) => DeviceWith("dsl.caldecote", "ip", ip);

    /// <summary>A laptop registered by <paramref name="registeredBy"/>'s school holding one identity since an hour ago.</summary>
    private async Task<Guid> DeviceWith(string registeredBy, string kind, string value)
    {
        using var client = await f.RegisterClientFor(registeredBy);
        var created = await client.PostAsJsonAsync("/devices", new { kind = "laptop", serialNumber = "SN-" + Unique(), make = "Dell" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var device = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await client.GetAsync($"/devices/{device}");
        using var change = new HttpRequestMessage(HttpMethod.Post, $"/devices/{device}/network-identities")
        {
            Content = JsonContent.Create(new { kind, value, validFrom = DateTimeOffset.UtcNow.AddHours(-1) }),
        };
        change.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        var recorded = await client.SendAsync(change);
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        return device;
    }

    private async Task<(string Blakehill, string Caldecote, string Unattributed)> ViewsAfter(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var blakehill = await f.IngestClientFor("dsl.blakehill");
        using var caldecote = await f.IngestClientFor("dsl.caldecote");
        using var lead = await f.IngestClientFor("trust.lead");
        return (await blakehill.GetStringAsync("/events?take=500"), await caldecote.GetStringAsync("/events?take=500"),
            await lead.GetStringAsync("/unattributed?take=500"));
    }

    [Fact]
    public async Task a_trust_wide_event_is_attributed_by_its_mac_its_hostname_its_address_or_its_signed_in_account_alone()
    {
        var tag = Unique();
        var (mac, host, ip, account) = (NewMac(), $"bh-lap-{tag}", NewIp(), $"k.brown.{tag}@caldecote.sch.uk");
        var byMac = await DeviceWith("dsl.caldecote", "mac", mac);
        var byHost = await DeviceWith("it.blakehill", "hostname", host);
        var byIp = await DeviceWith("it.blakehill", "ip", ip);
        var byUser = await DeviceWith("dsl.caldecote", "user", account);
        var (source, secret) = await f.RegisterTrustWideSourceAsync("Trust Smoothwall " + tag);

        var (blakehill, caldecote, unattributed) = await ViewsAfter(await f.SendSigned(source.Id, secret, JsonSerializer.Serialize(new[]
        {
            Event($"{tag}-mac", mac: mac.ToUpperInvariant().Replace(':', '-')),
            Event($"{tag}-host", name: host.ToUpperInvariant()),
            Event($"{tag}-ip", ip: ip),
            Event($"{tag}-user", user: account.ToUpperInvariant()),
        })));

        caldecote.ShouldContain($"{tag}-mac");
        caldecote.ShouldContain(byMac.ToString());
        caldecote.ShouldContain($"{tag}-user");
        caldecote.ShouldContain(byUser.ToString());
        blakehill.ShouldContain($"{tag}-host");
        blakehill.ShouldContain(byHost.ToString());
        blakehill.ShouldContain($"{tag}-ip");
        blakehill.ShouldContain(byIp.ToString());
        caldecote.ShouldNotContain($"{tag}-host");
        caldecote.ShouldNotContain($"{tag}-ip");
        blakehill.ShouldNotContain($"{tag}-mac");
        blakehill.ShouldNotContain($"{tag}-user");
        unattributed.ShouldNotContain(tag);
    }

    /// <summary>Issue 17, point 2: a severity-4 self-harm event left unattributed reached nobody.</summary>
    [Fact]
    public async Task a_severity_4_alert_left_unattributed_reaches_the_trust_lead_and_trust_it_admin_and_no_school()
    {
        var (tag, ip) = (Unique(), NewIp());
        await DeviceWith("it.blakehill", "ip", ip);
        await DeviceWith("dsl.caldecote", "ip", ip);
        var (source, secret) = await f.RegisterTrustWideSourceAsync("Trust Smoothwall " + tag);

        var sent = await f.SendSigned(source.Id, secret, JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = $"{tag}-sh",
                device = new { ip }, activity = new { action = "Blocked", url = "https://example.org/" + tag },
                classification = new { categoryLabel = "self-harm", severity = 4 },
            },
        }));
        var (blakehill, caldecote, _) = await ViewsAfter(sent);
        blakehill.ShouldNotContain(tag);
        caldecote.ShouldNotContain(tag);

        foreach (var user in new[] { "trust.lead", "it.admin" })
        {
            using var client = await f.IngestClientFor(user);
            var response = await client.GetAsync("/unattributed/alerts?take=500");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{user}: {body}");
            var alert = JsonDocument.Parse(body).RootElement.GetProperty("alerts").EnumerateArray()
                .Where(a => a.GetProperty("event").GetProperty("sourceEventId").GetString() == $"{tag}-sh").ShouldHaveSingleItem();
            alert.GetProperty("schoolUrn").GetString().ShouldBe("trust");
            alert.GetProperty("event").GetProperty("severity").GetInt32().ShouldBe(4);
        }
        using var dsl = await f.IngestClientFor("dsl.blakehill");
        (await dsl.GetAsync("/unattributed/alerts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task identities_of_one_event_naming_two_schools_keep_it_in_the_trust_level_view_and_out_of_both_schools()
    {
        var tag = Unique();
        var (mac, ip) = (NewMac(), NewIp());
        await DeviceWith("it.blakehill", "mac", mac);
        await DeviceWith("dsl.caldecote", "ip", ip);
        var (source, secret) = await f.RegisterTrustWideSourceAsync("Trust Umbrella " + tag);

        var (blakehill, caldecote, unattributed) = await ViewsAfter(await f.SendSigned(source.Id, secret, JsonSerializer.Serialize(new[]
        {
            Event($"{tag}-conflict", mac: mac, ip: ip),
            Event($"{tag}-mac-alone", mac: mac),
        })));

        unattributed.ShouldContain($"{tag}-conflict");
        blakehill.ShouldNotContain($"{tag}-conflict");
        caldecote.ShouldNotContain($"{tag}-conflict");
        blakehill.ShouldContain($"{tag}-mac-alone", customMessage: "the MAC on its own names Blakehill, so the conflict is the IP's doing");
        caldecote.ShouldNotContain(tag);
    }

    [Fact]
    public async Task a_trust_wide_event_reaches_the_school_that_owns_the_address_and_an_unknown_address_stays_unattributed()
    {
        var (caldecoteIp, strangerIp, tag) = (NewIp(), NewIp(), Unique());
        var laptop = await CaldecoteLaptopAt(caldecoteIp);
        var (source, secret) = await f.RegisterTrustWideSourceAsync("Trust Umbrella " + tag);
        source.TrustWide.ShouldBeTrue();

        var response = await f.SendSigned(source.Id, secret, Events(($"{tag}-known", caldecoteIp), ($"{tag}-unknown", strangerIp)));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        using var caldecote = await f.IngestClientFor("dsl.caldecote");
        var caldecoteEvents = await caldecote.GetStringAsync("/events?take=500");
        caldecoteEvents.ShouldContain($"{tag}-known");
        caldecoteEvents.ShouldContain(laptop.ToString());
        caldecoteEvents.ShouldNotContain($"{tag}-unknown");
        using var blakehill = await f.IngestClientFor("dsl.blakehill");
        (await blakehill.GetStringAsync("/events?take=500")).ShouldNotContain(tag);
        using var lead = await f.IngestClientFor("trust.lead");
        var unattributed = await lead.GetStringAsync("/unattributed?take=500");
        unattributed.ShouldContain($"{tag}-unknown");
        unattributed.ShouldNotContain($"{tag}-known");
    }
}
