using TrustSafety.Consent.LookingUpPupils;
using static TrustSafety.Consent.Tests.Fixtures.RosterSteps;

namespace TrustSafety.Consent.Tests.LookingUpPupils;

/// <summary>GET /pupils through the API with real tokens: names for school staff, UPN and date of birth for the safeguarding team only.</summary>
public sealed class LookingUpPupilsApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>
{
    [Fact]
    public async Task names_are_for_school_staff_upn_and_date_of_birth_for_the_safeguarding_team_only()
    {
        await Imported(await fixture.ClientFor("dsl.blakehill"), MisExports.Sims.Replace("Okafor", "Okafor-Lee"), "?missing=keep");
        var staff = await fixture.ClientFor("staff.blakehill");
        var card = (await Search(staff, "search=okafor-lee")).Pupils.ShouldHaveSingleItem();
        card.Name.ShouldBe("Chi Okafor-Lee");
        card.Upn.ShouldBeNull();
        card.DateOfBirth.ShouldBeNull();
        (await (await fixture.ClientFor("deputy.blakehill")).GetFromJsonAsync<PupilSearchResult>("/pupils?search=Y820001120010"))!
            .Pupils.ShouldHaveSingleItem().Upn.ShouldBe("Y820001120010");
        (await (await fixture.ClientFor("governor.blakehill")).GetAsync("/pupils?search=okafor")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await fixture.ClientFor("trust.lead")).GetAsync("/pupils?search=okafor")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Search(await fixture.ClientFor("staff.caldecote"), "search=okafor")).Pupils.ShouldBeEmpty();
        (await Search(await fixture.ClientFor("staff.caldecote"), $"id={card.PupilId}")).Pupils.ShouldBeEmpty();
        (await staff.GetAsync("/pupils?search=o")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostAsync("/roster/imports", new StringContent(MisExports.Sims, Encoding.UTF8, "text/csv"))).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }
}
