namespace TrustSafety.DeviceRegister.Tests.Coverage;

[Collection(DeviceRegisterCollection.Name)]
public sealed class CoverageApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task a_device_seen_by_filtering_drops_off_the_not_seen_list()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var laptop = await it.Register();
        var ip = $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.77";
        (await it.Change(laptop, "/network-identities", new { kind = "ip", value = ip, validFrom = DateTimeOffset.UtcNow.AddDays(-2) }))
            .EnsureSuccessStatusCode();
        await NotSeen(it).ContinueWith(t => t.Result.ShouldContain(laptop));

        (await Attribute(it, $"ip={ip}&at={DateTimeOffset.UtcNow.AddMinutes(-5):O}")).GetProperty("status").GetString().ShouldBe("attributed");

        (await NotSeen(it)).ShouldNotContain(laptop);
    }
}
