using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.RecordingTrainingSessions;

[Collection(TrainingApiCollection.Name)]
public sealed class RecordingTrainingSessionsApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task recording_a_training_session_changes_the_annual_audit()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/aud.one", Person("Ann One")).Ok();
        await dsl.PutNewAsync("/training/people/aud.two", Person("Ben Two")).Ok();
        var before = await dsl.GetAsync("/training/audit").Ok();
        var preventBefore = before.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "prevent");

        var session = await dsl.PostAsJsonAsync("/training/sessions", new
        {
            kind = "prevent", completedOn = "2026-11-09", provider = "Home Office e-learning", attendees = new[] { "aud.one", "aud.two" },
        }).Ok();
        session.GetProperty("recorded").GetInt32().ShouldBe(2);

        var after = await dsl.GetAsync("/training/audit").Ok();
        var preventAfter = after.GetProperty("byKind").EnumerateArray().Single(k => k.GetProperty("kind").GetString() == "prevent");
        preventAfter.GetProperty("current").GetInt32().ShouldBe(preventBefore.GetProperty("current").GetInt32() + 2);
        preventAfter.GetProperty("completedInYear").GetInt32().ShouldBe(preventBefore.GetProperty("completedInYear").GetInt32() + 2);
        after.GetProperty("label").GetString().ShouldBe("2026/27");

        var again = await dsl.PostAsJsonAsync("/training/sessions", new
        {
            kind = "prevent", completedOn = "2026-11-09", provider = "Home Office e-learning", attendees = new[] { "aud.one" },
        }).Ok();
        again.GetProperty("recorded").GetInt32().ShouldBe(0, "the same session recorded twice counts once");
    }
}
