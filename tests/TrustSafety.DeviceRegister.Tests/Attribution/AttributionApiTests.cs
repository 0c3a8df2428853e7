using MassTransit;
using TrustSafety.Contracts.DeviceRegister;

namespace TrustSafety.DeviceRegister.Tests.Attribution;

[Collection(DeviceRegisterCollection.Name)]
public sealed class AttributionApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task attribution_follows_an_address_across_lease_changes_and_answers_unknown_outside_them()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var laptop = await it.Register("laptop");
        var ipad = await it.Register("ipad");
        var ip = $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.23";
        var morning = DateTimeOffset.UtcNow.AddHours(1); // after the assignment below, which the service stamps with its clock
        var noon = morning.AddHours(4);
        (await it.Change(laptop, "/assignment", new { assigneeKind = "room", assigneeId = "ROOM-4" })).EnsureSuccessStatusCode();
        (await it.Change(laptop, "/network-identities", new { kind = "ip", value = ip, validFrom = morning })).EnsureSuccessStatusCode();
        (await it.Change(laptop, "/network-identities", new { kind = "hostname", value = "BH-LAP-" + laptop.ToString("N")[..6], validFrom = morning }))
            .EnsureSuccessStatusCode();

        var moved = await it.Change(ipad, "/network-identities", new { kind = "ip", value = ip, validFrom = noon });

        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var atTen = await Attribute(it, $"ip={ip}&at={morning.AddHours(2):O}");
        atTen.GetProperty("status").GetString().ShouldBe("attributed");
        atTen.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(laptop);
        atTen.GetProperty("assignee").GetProperty("id").GetString().ShouldBe("ROOM-4");
        var atTwo = await Attribute(it, $"ip={ip}&at={noon.AddHours(2).AddMinutes(5):O}");
        atTwo.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(ipad);
        atTwo.GetProperty("assignee").ValueKind.ShouldBe(JsonValueKind.Null);
        var before = await Attribute(it, $"ip={ip}&at={morning.AddHours(-1):O}");
        before.GetProperty("status").GetString().ShouldBe("unknown");
        before.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
        var byHost = await Attribute(it, $"hostname=bh-lap-{laptop.ToString("N")[..6]}&at={noon.AddHours(3):O}");
        byHost.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(laptop);

        await Eventually.True(() => Task.FromResult(fixture.Published.OfType<DeviceNetworkIdentityChanged>()
                .Any(e => e.DeviceId == laptop && e.Value == ip && e.ValidTo == noon)), what: "the superseded lease published with its end");
    }
}
