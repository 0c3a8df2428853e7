using MassTransit;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.DeviceRegister;

namespace TrustSafety.DeviceRegister.Tests.AupSignatures;

[Collection(DeviceRegisterCollection.Name)]
public sealed class AupSignaturesApiTests(DeviceRegisterFixture fixture)
{
    private static readonly Guid PupilAup = Guid.Parse("0199a1b2-0000-7000-8000-0000000000a1");

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
}
