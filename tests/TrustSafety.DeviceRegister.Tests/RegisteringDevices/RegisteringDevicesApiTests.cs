namespace TrustSafety.DeviceRegister.Tests.RegisteringDevices;

[Collection(DeviceRegisterCollection.Name)]
public sealed class RegisteringDevicesApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task a_bad_registration_names_every_bad_field_and_a_change_needs_the_current_etag()
    {
        var it = await fixture.ClientFor("it.blakehill");

        var bad = await it.PostAsJsonAsync("/devices", new { kind = "toaster" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("kind", out _).ShouldBeTrue();
        errors.TryGetProperty("serialNumber", out _).ShouldBeTrue();

        var laptop = await it.Register();
        (await it.PostAsJsonAsync($"/devices/{laptop}/retire", new { reason = "broken screen" })).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionRequired);
        var stale = new HttpRequestMessage(HttpMethod.Post, $"/devices/{laptop}/retire") { Content = JsonContent.Create(new { reason = "broken" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        (await it.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await it.Change(laptop, "/retire", new { reason = "broken screen" })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
