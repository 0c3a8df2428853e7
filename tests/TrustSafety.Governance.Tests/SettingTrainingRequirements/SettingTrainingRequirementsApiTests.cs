using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.SettingTrainingRequirements;

[Collection(TrainingApiCollection.Name)]
public sealed class SettingTrainingRequirementsApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task a_role_requirement_changed_by_the_school_applies_to_its_people()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.PutNewAsync("/training/people/it.person", Person("Ira Tech", "it-admin")).Ok();
        var set = await dsl.Send(HttpMethod.Put, "/training/requirements/it-admin",
            new { requirements = new[] { new { kind = "online-safety", intervalMonths = 6 } } }, ifMatch: 0);
        set.Status.ShouldBe(HttpStatusCode.OK, set.Body.ToString());
        var person = await dsl.GetAsync("/training/people/it.person").Ok();
        person.GetProperty("status").GetProperty("training").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ShouldBe(["online-safety"]);
    }
}
