using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Testing;
using static TrustSafety.DeviceRegister.Tests.Api.DeviceApi;

namespace TrustSafety.DeviceRegister.Tests.Api;

public sealed class DeviceRegisterApiTests(DeviceRegisterFixture fixture) : IClassFixture<DeviceRegisterFixture>
{
    private static readonly Guid PupilAup = Guid.Parse("0199a1b2-0000-7000-8000-0000000000a1");

    [Fact]
    public async Task a_csv_export_imports_its_good_rows_and_reports_every_bad_row_by_number()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var (a, b, c) = (Unique("SN"), Unique("SN"), Unique("SN"));
        var csv = $"""
            Serial Number,Asset Tag,Device name,Model,Operating System,Managed device ID
            {a},{Unique("BH")},BH-IPAD-01,iPad (9th generation),iPadOS 17,mdm-1
            ,,nameless,iPad,iPadOS 17,mdm-2
            {b},{Unique("BH")},BH-CB-01,Chromebook 314,ChromeOS,mdm-3,surplus
            {a},{Unique("BH")},BH-IPAD-01-again,iPad,iPadOS 17,mdm-4
            {c},{Unique("BH")},BH-LAP-01,Latitude 3140 Laptop,Windows 11,mdm-5
            """;

        var response = await it.PostAsync("/devices/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        result.Imported.ShouldBe(2);
        result.Rejected.Select(r => r.Row).ShouldBe([3, 4, 5]);
        result.Rejected[0].Reason.ShouldContain("serial number or the asset tag");
        result.Rejected[1].Reason.ShouldContain("number of columns");
        result.Rejected[2].Reason.ShouldContain("also on row 2");
        var devices = await it.GetFromJsonAsync<List<JsonElement>>("/devices?kind=ipad");
        devices!.ShouldContain(d => d.GetProperty("serialNumber").GetString() == a);

        var again = await (await it.PostAsync("/devices/import", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .Content.ReadFromJsonAsync<ImportResult>();
        again!.Imported.ShouldBe(0);
        again.Rejected.Count(r => r.Reason.Contains("already registered")).ShouldBe(3);
    }

    [Fact]
    public async Task a_file_without_a_serial_column_is_refused_and_imports_nothing()
    {
        var it = await fixture.ClientFor("it.blakehill");

        var response = await it.PostAsync("/devices/import", new StringContent("Colour,Room\nblue,4\n", Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("serial number or asset tag column");
    }

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

    [Fact]
    public async Task the_aup_gate_opens_when_consent_signs_and_closes_when_it_lapses()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var pupil = Unique("P");
        var ipad = await it.Register("ipad");
        var refused = await it.Change(ipad, "/assignment", new { assigneeKind = "pupil", assigneeId = pupil });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("aupOverrideReason");

        await fixture.Bus.Publish(new AupSigned(DeviceRegisterFixture.Caldecote, DateTimeOffset.UtcNow, pupil, AupAudiences.Pupil, PupilAup, 1,
            DateTimeOffset.UtcNow));
        await fixture.Bus.Publish(new AupSigned(DeviceRegisterFixture.Blakehill, DateTimeOffset.UtcNow, pupil, AupAudiences.Pupil, PupilAup, 1,
            DateTimeOffset.UtcNow));
        await Eventually.True(async () => await AupCurrent(it, pupil), what: "the AupSigned event reached the register");

        var allowed = await it.Change(ipad, "/assignment", new { assigneeKind = "pupil", assigneeId = pupil });
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK, await allowed.Content.ReadAsStringAsync());
        (await it.Change(ipad, "/return", new { note = "swapped" })).EnsureSuccessStatusCode();

        await fixture.Bus.Publish(new AupLapsed(DeviceRegisterFixture.Blakehill, DateTimeOffset.UtcNow, pupil, AupAudiences.Pupil, PupilAup, 1,
            "new version published"));
        await Eventually.True(async () => !await AupCurrent(it, pupil), what: "the AupLapsed event reached the register");

        (await it.Change(ipad, "/assignment", new { assigneeKind = "pupil", assigneeId = pupil })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var overridden = await it.Change(ipad, "/assignment",
            new { assigneeKind = "pupil", assigneeId = pupil, aupOverrideReason = "Paper AUP signed in class; consent record to follow" });
        overridden.StatusCode.ShouldBe(HttpStatusCode.OK, await overridden.Content.ReadAsStringAsync());

        var coverage = await it.GetFromJsonAsync<JsonElement>("/coverage?notSeenForDays=30");
        var gap = coverage.GetProperty("assignedWithoutCurrentAup").EnumerateArray()
            .Single(g => g.GetProperty("device").GetProperty("id").GetGuid() == ipad);
        gap.GetProperty("overridden").GetBoolean().ShouldBeTrue();
        gap.GetProperty("overrideReason").GetString().ShouldBe("Paper AUP signed in class; consent record to follow");
        await Eventually.True(() => Task.FromResult(fixture.Published.OfType<DeviceAssigned>()
            .Any(e => e.DeviceId == ipad && e.AupOverridden)), what: "the overridden assignment published");
    }

    [Fact]
    public async Task a_phone_held_by_the_police_cannot_be_returned_and_the_refusal_says_why()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var incident = Guid.CreateVersion7();
        var created = await dsl.PostAsJsonAsync("/custody/personal-phones",
            new { ownerPupilId = Unique("P"), description = "black iPhone, cracked case", location = "school office", incidentId = incident });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var phone = (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        var steps = new object[]
        {
            new { step = "stored", location = "DSL office safe", incidentId = incident },
            new { step = "quarantined", location = "DSL office safe", sealNumber = "EVB-0091", powerState = "left-on", incidentId = incident },
            new { step = "handed-to-police", location = "school reception", policeReference = "WMP-20261123-0042", receivedBy = "PC 4411", incidentId = incident },
        };
        foreach (var step in steps)
        {
            var response = await dsl.Change(phone, "/custody", step);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var refused = await dsl.Change(phone, "/custody", new { step = "returned-to-parent", location = "reception", receivedBy = "mother" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("held by the police (reference WMP-20261123-0042)");
        var chain = await dsl.GetFromJsonAsync<JsonElement>($"/devices/{phone}/custody");
        chain.GetProperty("state").GetString().ShouldBe("with-police");
        chain.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString())
            .ShouldBe(["handed-in", "stored", "quarantined", "handed-to-police"]);
        chain.GetProperty("allowedNext").EnumerateArray().Select(s => s.GetString()).ShouldBe(["returned-by-police"]);
        await Eventually.True(() => Task.FromResult(fixture.Published.OfType<DeviceCustodyChanged>()
            .Any(e => e.DeviceId == phone && e.Step == "handed-to-police" && e.IncidentId == incident)), what: "custody change published");
    }

    [Fact]
    public async Task shutting_down_a_device_held_as_evidence_is_refused_with_the_reason_and_nothing_changes()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var laptop = await it.Register();
        var before = await it.ETag(laptop);

        var response = await dsl.Change(laptop, "/custody", new { step = "quarantined", location = "", powerState = "shut-down" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        errors.GetProperty("powerState")[0].GetString()!.ShouldContain("evidence could be erased");
        errors.GetProperty("sealNumber")[0].GetString()!.ShouldContain("seal number");
        errors.GetProperty("location")[0].GetString().ShouldNotBeNullOrEmpty();
        (await it.ETag(laptop)).ShouldBe(before);
    }

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

    private static async Task<List<Guid>> NotSeen(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/coverage?notSeenForDays=7")).GetProperty("notSeen").EnumerateArray()
        .Select(d => d.GetProperty("device").GetProperty("id").GetGuid()).ToList();

    private static async Task<JsonElement> Attribute(HttpClient client, string query)
    {
        var response = await client.GetAsync("/attribution?" + query.Replace("+", "%2B"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<bool> AupCurrent(HttpClient client, string person) =>
        (await client.GetFromJsonAsync<JsonElement>($"/aup-signatures/{person}")).GetProperty("currentAudiences").GetArrayLength() > 0;

    private sealed record ImportResult(int Imported, List<Rejected> Rejected);
    private sealed record Rejected(int Row, string Reason);
}
