namespace TrustSafety.DeviceRegister.Tests.Devices;

[Collection(DeviceRegisterCollection.Name)]
public sealed class AccessApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task only_the_safeguarding_team_records_custody_and_only_it_admins_and_dsls_manage_devices()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var laptop = await it.Register();

        (await it.Change(laptop, "/custody", new { step = "quarantined", location = "safe", sealNumber = "S1", powerState = "left-on" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var staff = await fixture.ClientFor("staff.blakehill");
        (await staff.PostAsJsonAsync("/devices", new { kind = "laptop", serialNumber = Unique("SN") })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var trustIt = await fixture.ClientFor("it.admin");
        (await trustIt.GetAsync($"/attribution?ip=10.1.4.23")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var dsl = await fixture.ClientFor("dsl.blakehill");
        (await dsl.PostAsJsonAsync("/devices", new { kind = "camera", assetTag = Unique("CAM") })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task another_school_cannot_see_change_or_attribute_a_device()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var other = await fixture.ClientFor("dsl.caldecote");
        var laptop = await it.Register();
        var ip = $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.99";
        (await it.Change(laptop, "/network-identities", new { kind = "ip", value = ip, validFrom = DateTimeOffset.UtcNow.AddHours(-1) }))
            .EnsureSuccessStatusCode();
        var etag = await it.ETag(laptop);

        (await other.GetAsync($"/devices/{laptop}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/devices/{laptop}/custody")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var (path, body) in new (string, object)[]
                 {
                     ("/assignment", new { assigneeKind = "room", assigneeId = "R1" }),
                     ("/custody", new { step = "quarantined", location = "safe", sealNumber = "S1", powerState = "left-on" }),
                     ("/retire", new { reason = "not ours" }),
                 })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/devices/{laptop}{path}") { Content = JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            (await other.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
        (await Attribute(other, $"ip={ip}")).GetProperty("status").GetString().ShouldBe("unknown");
        (await other.GetFromJsonAsync<List<JsonElement>>("/devices"))!.ShouldNotContain(d => d.GetProperty("id").GetGuid() == laptop);
        (await it.ETag(laptop)).ShouldBe(etag);
    }
}
