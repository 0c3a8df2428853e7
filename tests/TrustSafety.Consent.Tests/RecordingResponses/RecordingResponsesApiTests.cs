using static TrustSafety.Consent.Tests.Fixtures.ConsentApiFixture;

namespace TrustSafety.Consent.Tests.RecordingResponses;

/// <summary>A guardian's answer through the API: every bad field listed, If-Match required (the withdrawal's too).</summary>
public sealed class RecordingResponsesApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _dsl = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_dsl, _staff) = await fixture.BlakehillAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task a_response_with_bad_fields_lists_every_field_and_records_nothing()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        var response = await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/responses",
            new { respondentId = "Jane Smith", relationship = "aunt", channel = "pigeon", respondedOn = "23/11/2026" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order()
            .ShouldBe(["channel", "given", "relationship", "respondedOn", "respondentId"]);
        (await _staff.MayPublish(pupil, "website")).Basis.ShouldBe("no-response");
    }

    // Regression (issue 20): If-Match was optional on responses and ignored on withdrawals, so two members of staff recording
    // from the same reading could overwrite each other unseen.
    [Fact]
    public async Task a_response_or_withdrawal_needs_if_match_428_without_it_and_412_when_stale()
    {
        var pupil = NewPupil();
        await _dsl.Enrol(pupil);
        var answer = new { given = true, respondentId = "guardian-1", relationship = "mother", channel = "paper" };
        var withdrawal = new { respondentId = "guardian-1", relationship = "mother", channel = "paper" };

        (await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/responses", answer)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionRequired);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/responses", answer, 0)).StatusCode
            .ShouldBe(HttpStatusCode.OK);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/responses", answer, 0)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _staff.PostAsJsonAsync($"/pupils/{pupil}/consents/website/withdrawal", withdrawal)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionRequired);
        (await _staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupil}/consents/website/withdrawal", withdrawal, 0)).StatusCode
            .ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue("the refused withdrawals changed nothing");
    }
}
