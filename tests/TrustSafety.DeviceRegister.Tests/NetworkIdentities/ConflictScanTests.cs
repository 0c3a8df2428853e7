using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests.NetworkIdentities;

/// <summary>
/// Issue 17 (left over from point 2): conflicts recorded before the cross-school rule are found by the scan and
/// surfaced to both schools (each its own side) and the trust.
/// </summary>
public sealed class ConflictScanTests(DeviceRegisterFixture fixture) : IClassFixture<DeviceRegisterFixture>
{
    /// <summary>A device whose stream, as an old one, holds a MAC from a year ago: appended directly, past every check.</summary>
    private async Task<Guid> OldDeviceWithMacAsync(string school, string mac)
    {
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        var id = Guid.CreateVersion7();
        var at = DateTimeOffset.UtcNow.AddYears(-1);
        var by = new RecordedBy("it-before-the-rule", "An import from before the cross-school rule");
        await using var session = store.LightweightSession(school);
        session.Events.StartStream<Device>(id,
            new DeviceRegistered(id, "laptop", Ownerships.School, "Dell", "Latitude", DeviceApi.Unique("SN"), DeviceApi.Unique("AT"), null, null, null, null, by, at),
            new NetworkIdentityAdded(id, Guid.CreateVersion7(), IdentityKinds.Mac, mac, at, null, by, at));
        await session.SaveChangesAsync();
        return id;
    }

    private async Task<List<JsonElement>> ConflictsSeenBy(string user)
    {
        using var client = await fixture.ClientFor(user);
        using var response = await client.GetAsync("/identity-conflicts?take=500");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    [Fact]
    public async Task a_mac_two_schools_recorded_before_the_rule_is_found_by_the_scan_and_shown_to_both_schools_and_the_trust_once()
    {
        var mac = string.Join(":", Guid.NewGuid().ToByteArray().Take(6).Select((b, i) => (i == 0 ? (byte)(b & 0xFE | 0x02) : b).ToString("x2")));
        var blakehillLaptop = await OldDeviceWithMacAsync(DeviceRegisterFixture.Blakehill, mac);
        var caldecoteLaptop = await OldDeviceWithMacAsync(DeviceRegisterFixture.Caldecote, mac);

        using (var school = await fixture.ClientFor("it.blakehill"))
        using (var refused = await school.PostAsync("/identity-conflicts/scan", null))
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden, "only the trust IT admin runs the scan");
        using var trustAdmin = await fixture.ClientFor("it.admin");
        for (var run = 0; run < 2; run++)
            using (var scanned = await trustAdmin.PostAsync("/identity-conflicts/scan", null))
                scanned.StatusCode.ShouldBe(HttpStatusCode.OK, await scanned.Content.ReadAsStringAsync());

        var blakehill = (await ConflictsSeenBy("it.blakehill")).Where(c => c.GetProperty("deviceId").GetString() == blakehillLaptop.ToString()).ToList();
        blakehill.ShouldHaveSingleItem().GetProperty("side").GetString().ShouldBe("held-here");
        blakehill[0].GetProperty("value").GetString().ShouldBe(mac);
        blakehill[0].GetRawText().ShouldNotContain(DeviceRegisterFixture.Caldecote);
        blakehill[0].GetRawText().ShouldNotContain(caldecoteLaptop.ToString());

        var caldecote = (await ConflictsSeenBy("dsl.caldecote")).Where(c => c.GetProperty("deviceId").GetString() == caldecoteLaptop.ToString()).ToList();
        caldecote.ShouldHaveSingleItem().GetProperty("side").GetString().ShouldBe("held-here");
        caldecote[0].GetRawText().ShouldNotContain(DeviceRegisterFixture.Blakehill);

        var trust = (await ConflictsSeenBy("it.admin")).Where(c => c.GetProperty("value").GetString() == mac).ToList();
        trust.ShouldHaveSingleItem("two scans record the pair once").GetProperty("schoolUrns").EnumerateArray().Select(u => u.GetString())
            .ShouldBe([DeviceRegisterFixture.Blakehill, DeviceRegisterFixture.Caldecote], ignoreOrder: true);
        trust[0].GetProperty("kind").GetString().ShouldBe(IdentityKinds.Mac);
    }
}
