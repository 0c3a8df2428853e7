using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.DeviceRegister.Attribution;

namespace TrustSafety.DeviceRegister.Tests.Attribution;

/// <summary>A sign-in account (Entra UPN, Google, Managed Apple ID, DOMAIN\name) recorded on a device for a period.</summary>
public sealed class UserAttributionTests(DeviceRegisterFixture fixture) : IClassFixture<DeviceRegisterFixture>
{
    private static string NewAccount(string school = "blakehill") => $"{Unique("pupil").ToLowerInvariant()}@{school}.sch.uk";
    private static string Later => DateTimeOffset.UtcNow.AddMinutes(3).ToString("O");

    private async Task<Guid> DeviceSignedInAs(HttpClient client, string account, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var device = await client.Register("ipad");
        var recorded = await client.Change(device, "/network-identities",
            new { kind = "user", value = account, validFrom = from ?? DateTimeOffset.UtcNow.AddMinutes(1), validTo = to });
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        return device;
    }

    private static async Task<JsonElement> Attribute(HttpClient client, string query)
    {
        var response = await client.GetAsync("/attribution?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string UserQuery(string account, string at) => $"user={Uri.EscapeDataString(account)}&at={Uri.EscapeDataString(at)}";

    [Fact]
    public async Task an_account_recorded_on_a_device_attributes_that_device_in_the_school_and_across_the_trust_whatever_its_case()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var account = NewAccount();
        var ipad = await DeviceSignedInAs(it, account.ToUpperInvariant());
        (await it.Change(ipad, "/assignment", new { assigneeKind = "room", assigneeId = "ROOM-9" })).EnsureSuccessStatusCode();

        var inSchool = await Attribute(it, UserQuery(account, Later));
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
        var acrossTrust = await Attribute(service, UserQuery(account.ToUpperInvariant(), Later) + "&scope=trust");

        inSchool.GetProperty("status").GetString().ShouldBe("attributed");
        inSchool.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(ipad);
        inSchool.GetProperty("assignee").GetProperty("id").GetString().ShouldBe("ROOM-9");
        inSchool.GetProperty("query").GetProperty("kind").GetString().ShouldBe("user");
        inSchool.GetProperty("query").GetProperty("value").GetString().ShouldBe(account);
        acrossTrust.GetProperty("status").GetString().ShouldBe("attributed");
        acrossTrust.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Blakehill);
        acrossTrust.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(ipad);
        var device = await it.GetFromJsonAsync<JsonElement>($"/devices/{ipad}");
        device.GetProperty("identities").EnumerateArray().ShouldContain(i => i.GetProperty("kind").GetString() == "user"
            && i.GetProperty("value").GetString() == account);
    }

    [Fact]
    public async Task an_account_attributes_only_while_its_sign_in_was_recorded()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var account = NewAccount();
        var from = DateTimeOffset.UtcNow.AddHours(1);
        await DeviceSignedInAs(it, account, from, from.AddHours(2));

        (await Attribute(it, UserQuery(account, from.AddHours(1).ToString("O")))).GetProperty("status").GetString().ShouldBe("attributed");
        (await Attribute(it, UserQuery(account, from.AddMinutes(-1).ToString("O")))).GetProperty("status").GetString().ShouldBe("unknown");
        (await Attribute(it, UserQuery(account, from.AddHours(2).ToString("O")))).GetProperty("status").GetString().ShouldBe("unknown");
    }

    [Fact]
    public async Task an_account_on_two_devices_of_one_school_names_the_school_across_the_trust_but_no_device()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var account = NewAccount();
        await DeviceSignedInAs(it, account);
        await DeviceSignedInAs(it, account);

        var inSchool = await Attribute(it, UserQuery(account, Later));
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
        var acrossTrust = await Attribute(service, UserQuery(account, Later) + "&scope=trust");

        inSchool.GetProperty("status").GetString().ShouldBe("unknown");
        inSchool.GetProperty("reason").GetString().ShouldNotBeNull().ShouldContain("2 devices");
        acrossTrust.GetProperty("status").GetString().ShouldBe("school-only");
        acrossTrust.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Blakehill);
        acrossTrust.GetProperty("device").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    /// <summary>Issue 17, point 2: a second school recording the account sent the first school's trust-wide events to the unattributed view.</summary>
    [Fact]
    public async Task an_account_another_school_holds_is_refused_with_409_naming_no_school_and_still_attributes_to_its_school()
    {
        var account = NewAccount("trust");
        var blakehill = await fixture.ClientFor("it.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var blakehillIpad = await DeviceSignedInAs(blakehill, account);
        var caldecoteIpad = await caldecote.Register("ipad");

        var refused = await caldecote.Change(caldecoteIpad, "/network-identities",
            new { kind = "user", value = account, validFrom = DateTimeOffset.UtcNow.AddMinutes(2) });
        var problem = await refused.Content.ReadAsStringAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, problem);
        var body = JsonDocument.Parse(problem).RootElement;
        body.GetProperty("title").GetString().ShouldBe("Held by another school of the trust");
        problem.ShouldNotContain(DeviceRegisterFixture.Blakehill);
        problem.ShouldNotContain(blakehillIpad.ToString());
        problem.ShouldNotContain(account);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
        var answer = await Attribute(service, UserQuery(account, Later) + "&scope=trust");
        answer.GetProperty("status").GetString().ShouldBe("attributed");
        answer.GetProperty("schoolUrn").GetString().ShouldBe(DeviceRegisterFixture.Blakehill);
        answer.GetProperty("device").GetProperty("id").GetGuid().ShouldBe(blakehillIpad);
    }

    /// <summary>
    /// Issue 17, point 2: the cross-school check read before the write, so two schools recording the same account at the
    /// same instant could both pass it. Rounds of simultaneous recordings: exactly one school holds each account.
    /// </summary>
    [Fact]
    public async Task two_schools_recording_one_account_at_the_same_instant_leave_it_held_by_exactly_one()
    {
        var blakehill = await fixture.ClientFor("it.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        for (var round = 0; round < 8; round++)
        {
            var account = NewAccount("trust");
            var (here, there) = (await blakehill.Register("ipad"), await caldecote.Register("ipad"));
            var from = DateTimeOffset.UtcNow.AddMinutes(1);
            var answers = await Task.WhenAll(
                blakehill.Change(here, "/network-identities", new { kind = "user", value = account, validFrom = from }),
                caldecote.Change(there, "/network-identities", new { kind = "user", value = account, validFrom = from }));

            answers.Select(a => a.StatusCode).Order().ToArray().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict], $"round {round}");
            var winner = answers[0].StatusCode == HttpStatusCode.OK ? DeviceRegisterFixture.Blakehill : DeviceRegisterFixture.Caldecote;
            var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());
            var answer = await Attribute(service, UserQuery(account, Later) + "&scope=trust");
            answer.GetProperty("status").GetString().ShouldBe("attributed", $"round {round}");
            answer.GetProperty("schoolUrn").GetString().ShouldBe(winner, $"round {round}");
        }
    }

    [Fact]
    public async Task a_trust_wide_lookup_of_an_account_is_audited_without_the_account()
    {
        var (known, unknown) = (NewAccount(), NewAccount());
        await DeviceSignedInAs(await fixture.ClientFor("it.blakehill"), known);
        var service = await fixture.Identity.AsServiceAsync(fixture.Host.CreateClient());

        await Attribute(service, UserQuery(known, Later) + "&scope=trust");
        await Attribute(service, UserQuery(unknown, Later) + "&scope=trust");

        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        foreach (var (tenant, account) in new[] { (DeviceRegisterFixture.Blakehill, known), (TrustWideAttribution.TrustTenant, unknown) })
        {
            await using var session = store.QuerySession(tenant);
            var audited = await session.Query<AttributionLookup>().Where(l => l.Kind == "user").ToListAsync();
            audited.ShouldContain(l => l.Value == TrustWideAttribution.AuditedValue(new AttributionQuery("user", account, default)), tenant);
            audited.ShouldAllBe(l => !l.Value.Contains('@'), "the audit never stores an account");
        }
    }

    [Fact]
    public async Task the_same_account_twice_on_one_device_for_overlapping_periods_is_a_conflict()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var account = NewAccount();
        var ipad = await DeviceSignedInAs(it, account);

        var again = await it.Change(ipad, "/network-identities", new { kind = "user", value = account.ToUpperInvariant() });

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_malformed_account_is_refused_naming_the_field_and_records_nothing()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var ipad = await it.Register("ipad");
        var version = await it.ETag(ipad);

        var recorded = await it.Change(ipad, "/network-identities", new { kind = "user", value = "j smith@blakehill.sch.uk" });
        var asked = await it.GetAsync("/attribution?user=" + Uri.EscapeDataString("j smith"));
        var twoKinds = await it.GetAsync("/attribution?user=jsmith&ip=10.1.4.23");

        recorded.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Errors(recorded)).GetProperty("value")[0].GetString().ShouldNotBeNull().ShouldContain("e.g. j.smith@blakehill.sch.uk");
        (await it.ETag(ipad)).ShouldBe(version, "a refused identity changes nothing");
        asked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Errors(asked)).GetProperty("user")[0].GetString().ShouldNotBeNull().ShouldContain("sign-in account");
        twoKinds.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Errors(twoKinds)).GetProperty("ip")[0].GetString().ShouldNotBeNull().ShouldContain("exactly one of ip, hostname, mac or user");
    }

    [Fact]
    public async Task a_recorded_account_is_never_published_to_other_services()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var account = NewAccount();

        var ipad = await DeviceSignedInAs(it, account);

        await Eventually.True(() => Task.FromResult(fixture.Published.OfType<DeviceNetworkIdentityChanged>()
            .Any(e => e.DeviceId == ipad && e.Kind == "user")), what: "the sign-in published as an identity change");
        fixture.Published.OfType<DeviceNetworkIdentityChanged>().Where(e => e.DeviceId == ipad).ShouldAllBe(e => e.Value == "");
    }

    private static async Task<JsonElement> Errors(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
}
