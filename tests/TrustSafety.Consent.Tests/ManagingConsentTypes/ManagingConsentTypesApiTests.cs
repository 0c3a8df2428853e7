using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.ManagingConsentTypes;

/// <summary>Consent types and their wordings through the API: who may define them, If-Match on a new wording, what a wording needing fresh consent does.</summary>
public sealed class ManagingConsentTypesApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task may_publish_is_no_under_a_new_wording_version_until_a_guardian_agrees_to_it()
    {
        await _dsl.PostAsJsonAsync("/consent-types", new { code = "school-blog", name = "Class blog", photographic = true, online = true,
            wording = "Photos of my child may appear on the class blog." });
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        await _staff.Answer(pupil, "school-blog", given: true);
        (await _staff.MayPublish(pupil, "school-blog")).Allowed.ShouldBeTrue();

        var type = await _staff.GetAsync("/consent-types/school-blog");
        var etag = long.Parse(type.Headers.ETag!.Tag.Trim('"'));
        var published = await _dsl.WithIfMatch(HttpMethod.Post, "/consent-types/school-blog/wordings",
            new { text = "Photos and first names of my child may appear on the class blog.", requiresFreshConsent = true }, etag);
        published.StatusCode.ShouldBe(HttpStatusCode.OK);

        var underNewWording = await _staff.MayPublish(pupil, "school-blog");
        underNewWording.Allowed.ShouldBeFalse();
        underNewWording.Basis.ShouldBe("wording-superseded");

        var fresh = await _staff.Answer(pupil, "school-blog", given: true, wordingVersion: 2);
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK, await fresh.Content.ReadAsStringAsync());
        var afterFreshConsent = await _staff.MayPublish(pupil, "school-blog");
        afterFreshConsent.Allowed.ShouldBeTrue(afterFreshConsent.Explanation);
        afterFreshConsent.Evidence!.WordingVersion.ShouldBe(2);
    }

    [Fact]
    public async Task publishing_a_wording_without_if_match_is_refused_and_changes_nothing()
    {
        var response = await _dsl.PostAsJsonAsync("/consent-types/website/wordings", new { text = "changed" });
        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        var type = await _staff.GetFromJsonAsync<JsonElement>("/consent-types/website");
        type.GetProperty("currentWordingVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task staff_can_ask_but_cannot_define_consent_types()
    {
        var response = await _staff.PostAsJsonAsync("/consent-types", new { code = "staff-made", name = "x", wording = "x" });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
