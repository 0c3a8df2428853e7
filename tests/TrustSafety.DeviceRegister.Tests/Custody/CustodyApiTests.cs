using MassTransit;
using TrustSafety.Contracts.DeviceRegister;

namespace TrustSafety.DeviceRegister.Tests.Custody;

[Collection(DeviceRegisterCollection.Name)]
public sealed class CustodyApiTests(DeviceRegisterFixture fixture)
{
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
}
