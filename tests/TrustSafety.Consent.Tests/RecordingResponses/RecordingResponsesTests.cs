using TrustSafety.Consent.RecordingResponses;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.RecordingResponses;

/// <summary>POST /pupils/{pupilId}/consents/{type}/responses' decider: a yes or no to a wording version, from the day it was given.</summary>
public sealed class RecordingResponsesTests
{
    private static Decision Respond(ConsentType type, PupilConsent? consent, bool given, string on, int? version = null) =>
        RecordConsentResponse.Respond(type, consent, "p1", given, version, Mum, D(on), D("2026-11-23"), SchoolYear, Guid.NewGuid(), Now, "staff");

    [Fact]
    public void a_yes_is_valid_until_the_end_of_the_academic_year_it_was_given_in()
    {
        var granted = Respond(Type(), null, true, "2026-11-23").Events.ShouldHaveSingleItem().ShouldBeOfType<ConsentGranted>();
        granted.ValidUntil.ShouldBe(D("2027-08-31"));
        granted.WordingVersion.ShouldBe(1);
    }

    [Fact]
    public void a_yes_to_a_consent_that_lasts_until_withdrawn_has_no_end() =>
        Respond(Type(renewal: RenewalKind.UntilWithdrawn), null, true, "2026-11-23").Events.ShouldHaveSingleItem()
            .ShouldBeOfType<ConsentGranted>().ValidUntil.ShouldBeNull();

    [Theory]
    [InlineData("2026-11-24", null, 422, "future")]
    [InlineData("2026-11-23", 3, 422, "wording")]
    [InlineData("2026-09-01", null, 409, "later answer")]
    public void a_response_is_refused_when(string on, int? version, int status, string titleContains)
    {
        var type = Type(laterWordings: ("2026-10-01", true));
        var rejected = Respond(type, Answers(type, "declined:2026-09-10"), true, on, version).Rejection.ShouldNotBeNull();
        rejected.Status.ShouldBe(status);
        rejected.Title.ShouldContain(titleContains, Case.Insensitive);
    }

    [Fact]
    public void the_same_answer_recorded_twice_changes_nothing()
    {
        var type = Type();
        var consent = Answers(type);
        consent.Apply((ConsentGranted)Respond(type, null, true, "2026-11-23").Events[0]);
        Respond(type, consent, true, "2026-11-23").Events.ShouldBeEmpty();
    }
}
