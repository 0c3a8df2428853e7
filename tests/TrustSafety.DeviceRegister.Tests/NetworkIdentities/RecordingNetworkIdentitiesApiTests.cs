using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests.NetworkIdentities;

[Collection(DeviceRegisterCollection.Name)]
public sealed class RecordingNetworkIdentitiesApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task an_identity_recorded_without_validFrom_starts_at_the_instant_it_is_recorded()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var laptop = await it.Register("laptop");
        var ip = $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.77";

        (await it.Change(laptop, "/network-identities", new { kind = "ip", value = ip })).EnsureSuccessStatusCode();

        // One clock read: the period starts exactly when the event says the identity was recorded.
        await using var session = fixture.Host.Services.GetRequiredService<IDocumentStore>().QuerySession(DeviceRegisterFixture.Blakehill);
        var added = (await session.Events.FetchStreamAsync(laptop)).Select(e => e.Data).OfType<NetworkIdentityAdded>().Single();
        added.ValidFrom.ShouldBe(added.At);
    }
}
