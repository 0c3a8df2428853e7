using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.DeviceRegister.Attribution;

namespace TrustSafety.DeviceRegister.Tests.Attribution;

public sealed class TrustWideAttributionTests(DeviceRegisterFixture fixture) : IClassFixture<DeviceRegisterFixture>
{
    private static string NewIp() => $"10.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}.{Random.Shared.Next(2, 250)}";

    private async Task<Guid> DeviceWithAddress(string user, string ip, string? room = null)
    {
        var client = await fixture.ClientFor(user);
        var device = await client.Register("laptop");
        if (room is not null)
            (await client.Change(device, "/assignment", new { assigneeKind = "room", assigneeId = room })).EnsureSuccessStatusCode();
        (await client.Change(device, "/network-identities", new { kind = "ip", value = ip, validFrom = DateTimeOffset.UtcNow.AddMinutes(1) }))
            .EnsureSuccessStatusCode();
        return device;
    }

    private static async Task<JsonElement> Attribute(HttpClient client, string query)
    {
        var response = await client.GetAsync("/attribution?" + query.Replace("+", "%2B"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Later => DateTimeOffset.UtcNow.AddMinutes(3).ToString("O");

    [Fact]
    public async Task a_service_finds_the_school_that_holds_an_address_among_two_schools_with_device_and_assignee()
    {
        var (blakehillIp, caldecoteIp) = (NewIp(), NewIp());
        var blakehillLaptop = await DeviceWithAddress("it.blakehill", blakehillIp, room: "ROOM-7");
        var caldecoteLaptop = await DeviceWithAddress("dsl.caldecote", caldecoteIp);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        var blakehill = await Attribute(service, $"ip={blakehillIp}&at={Later}&scope=trust");
        var caldecote = await Attribute(service, $"ip={caldecoteIp}&at={Later}&scope=trust");

        blakehill.GetProperty("status").GetString().ShouldBe("attributed");
        blakehill.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Blakehill);
        blakehill.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(blakehillLaptop);
        blakehill.GetProperty("assignee").GetProperty("id").GetString().ShouldBe("ROOM-7");
        caldecote.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Caldecote);
        caldecote.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(caldecoteLaptop);
    }

    [Fact]
    public async Task an_address_held_by_two_schools_is_unknown_and_names_neither()
    {
        var ip = NewIp();
        await DeviceWithAddress("it.blakehill", ip);
        await DeviceWithAddress("dsl.caldecote", ip);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        var answer = await Attribute(service, $"ip={ip}&at={Later}&scope=trust");

        answer.GetProperty("status").GetString().ShouldBe("unknown");
        answer.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("2 schools");
        answer.GetProperty("schoolUrn").ValueKind.ShouldBe(JsonValueKind.Null);
        answer.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static string NewMac() => string.Join(':', Enumerable.Range(0, 6).Select(_ => Random.Shared.Next(0, 256).ToString("x2")));

    /// <summary>Issue 17, point 2: one school could divert another's trust-wide alerts by recording the same MAC or hostname.</summary>
    [Theory]
    [InlineData("mac")]
    [InlineData("hostname")]
    public async Task a_mac_or_hostname_another_school_holds_is_refused_and_trust_wide_attribution_still_names_the_holder(string kind)
    {
        var value = kind == "mac" ? NewMac() : $"lap-{Guid.NewGuid():N}"[..20];
        var blakehill = await fixture.ClientFor("it.blakehill");
        var blakehillLaptop = await blakehill.Register("laptop");
        (await blakehill.Change(blakehillLaptop, "/network-identities", new { kind, value, validFrom = DateTimeOffset.UtcNow.AddMinutes(1) }))
            .EnsureSuccessStatusCode();
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var caldecoteLaptop = await caldecote.Register("laptop");

        var refused = await caldecote.Change(caldecoteLaptop, "/network-identities", new { kind, value, validFrom = DateTimeOffset.UtcNow.AddMinutes(2) });
        var problem = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, problem);
        problem.ShouldContain("held by another school of the trust");
        problem.ShouldNotContain(DeviceRegisterFixture.Blakehill);
        problem.ShouldNotContain(blakehillLaptop.ToString());
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
        var answer = await Attribute(service, $"{kind}={value}&at={Later}&scope=trust");
        answer.GetProperty("status").GetString().ShouldBe("attributed");
        answer.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Blakehill);
        answer.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(blakehillLaptop);
    }

    [Fact]
    public async Task an_overlapping_address_is_recorded_and_surfaced_to_both_schools_and_the_trust_without_naming_the_other_school()
    {
        var ip = NewIp();
        var blakehillLaptop = await DeviceWithAddress("it.blakehill", ip);
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var caldecoteLaptop = await caldecote.Register("laptop");
        var range = $"{ip[..ip.LastIndexOf('.')]}.0/24";

        var recorded = await caldecote.Change(caldecoteLaptop, "/network-identities", new { kind = "ip-range", value = range, validFrom = DateTimeOffset.UtcNow.AddMinutes(2) });
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        var answer = await recorded.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("heldByAnotherSchool").GetBoolean().ShouldBeTrue();
        var stored = answer.GetProperty("value").GetString();

        async Task<List<JsonElement>> ConflictsSeenBy(string user)
        {
            var client = await fixture.ClientFor(user);
            var response = await client.GetAsync("/identity-conflicts");
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            return [.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())];
        }
        var held = (await ConflictsSeenBy("it.blakehill")).Where(c => c.GetProperty("deviceId").GetString() == blakehillLaptop.ToString()).ToList();
        held.ShouldHaveSingleItem().GetProperty("side").GetString().ShouldBe("held-here");
        held[0].GetProperty("value").GetString().ShouldBe(ip);
        held[0].GetRawText().ShouldNotContain(DeviceRegisterFixture.Caldecote);
        var recordedHere = (await ConflictsSeenBy("dsl.caldecote")).Where(c => c.GetProperty("deviceId").GetString() == caldecoteLaptop.ToString()).ToList();
        recordedHere.ShouldHaveSingleItem().GetProperty("side").GetString().ShouldBe("recorded-here");
        recordedHere[0].GetRawText().ShouldNotContain(DeviceRegisterFixture.Blakehill);
        var trust = (await ConflictsSeenBy("it.admin")).Where(c => c.GetProperty("value").GetString() == stored).ToList();
        trust.ShouldHaveSingleItem().GetProperty("schoolUrns").EnumerateArray().Select(u => u.GetString())
            .ShouldBe([DeviceRegisterFixture.Blakehill, DeviceRegisterFixture.Caldecote], ignoreOrder: true);
        (await (await fixture.ClientFor("staff.blakehill")).GetAsync("/identity-conflicts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_address_nobody_holds_is_unknown()
    {
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        var answer = await Attribute(service, $"ip={NewIp()}&at={Later}&scope=trust");

        answer.GetProperty("status").GetString().ShouldBe("unknown");
        answer.GetProperty("schoolUrn").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task only_a_service_or_the_trust_it_admin_may_look_across_schools_and_a_school_it_admin_sees_only_their_school()
    {
        var caldecoteIp = NewIp();
        await DeviceWithAddress("dsl.caldecote", caldecoteIp);
        var query = $"ip={caldecoteIp}&at={Later}";

        foreach (var user in new[] { "dsl.blakehill", "it.blakehill", "trust.lead", "staff.blakehill" })
            (await (await fixture.ClientFor(user)).GetAsync($"/attribution?{query}&scope=trust".Replace("+", "%2B")))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        (await fixture.Host.CreateClient().GetAsync($"/attribution?{query}&scope=trust".Replace("+", "%2B")))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var ownSchoolOnly = await Attribute(await fixture.ClientFor("it.blakehill"), query);
        ownSchoolOnly.GetProperty("status").GetString().ShouldBe("unknown");
        ownSchoolOnly.GetProperty("schoolUrn").ValueKind.ShouldBe(JsonValueKind.Null);

        var trustAdmin = await Attribute(await fixture.ClientFor("it.admin"), query + "&scope=trust");
        trustAdmin.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Caldecote);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
        (await service.GetAsync($"/attribution?{query}".Replace("+", "%2B"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden,
            "a service has no school of its own to ask about");
    }

    [Fact]
    public async Task every_trust_wide_lookup_is_recorded_in_the_school_it_named_or_at_trust_level()
    {
        var (known, unknown) = (NewIp(), NewIp());
        var laptop = await DeviceWithAddress("it.blakehill", known);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        await Attribute(service, $"ip={known}&at={Later}&scope=trust");
        await Attribute(service, $"ip={unknown}&at={Later}&scope=trust");

        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        await using var blakehill = store.QuerySession(DeviceRegisterFixture.Blakehill);
        var inSchool = await blakehill.Query<AttributionLookup>().Where(l => l.Value == known).ToListAsync();
        inSchool.ShouldHaveSingleItem().CallerId.ShouldBe(ServiceToken.ClientId);
        inSchool[0].DeviceId.ShouldBe(laptop);
        inSchool[0].Status.ShouldBe("attributed");
        await using var trust = store.QuerySession(TrustWideAttribution.TrustTenant);
        (await trust.Query<AttributionLookup>().Where(l => l.Value == unknown).ToListAsync()).ShouldHaveSingleItem().Status.ShouldBe("unknown");
    }

    [Fact]
    public async Task an_unknown_scope_is_refused_naming_the_field_and_the_choices()
    {
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        var response = await service.GetAsync($"/attribution?ip={NewIp()}&scope=everywhere");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("scope")[0].GetString().ShouldNotBeNull().ShouldContain("scope=trust");
    }
}
