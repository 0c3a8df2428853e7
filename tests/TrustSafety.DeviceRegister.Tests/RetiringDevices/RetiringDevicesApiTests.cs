namespace TrustSafety.DeviceRegister.Tests.RetiringDevices;

[Collection(DeviceRegisterCollection.Name)]
public sealed class RetiringDevicesApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task retiring_without_a_reason_is_a_400_naming_reason_and_changes_nothing()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var laptop = await it.Register();

        var response = await it.Change(laptop, "/retire", new { reason = "" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        (await it.Change(laptop, "/retire", new { reason = "broken screen" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
