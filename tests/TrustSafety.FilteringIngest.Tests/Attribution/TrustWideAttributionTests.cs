using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.FilteringIngest.Tests.Attribution;

public sealed class TrustWideAttributionTests(TrustWideAttributionFixture f) : IClassFixture<TrustWideAttributionFixture>
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];
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

    private async Task<Guid> CaldecoteLaptopAt(string ip)
    {
        using var dsl = await f.RegisterClientFor("dsl.caldecote");
        var created = await dsl.PostAsJsonAsync("/devices", new { kind = "laptop", serialNumber = "SN-" + Unique(), make = "Dell" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var device = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await dsl.GetAsync($"/devices/{device}");
        using var change = new HttpRequestMessage(HttpMethod.Post, $"/devices/{device}/network-identities")
        {
            Content = JsonContent.Create(new { kind = "ip", value = ip, validFrom = DateTimeOffset.UtcNow.AddHours(-1) }),
        };
        change.Headers.IfMatch.Add(new EntityTagHeaderValue(read.Headers.ETag!.Tag));
        (await dsl.SendAsync(change)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return device;
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
