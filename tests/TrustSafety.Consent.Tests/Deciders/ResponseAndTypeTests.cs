using TrustSafety.Consent.Consents;
using TrustSafety.Consent.RecordingResponses;
using TrustSafety.Consent.WithdrawingConsent;
using TrustSafety.Consent.RequestingConsent;
using TrustSafety.Consent.ManagingConsentTypes;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.DeletingPhotos;
using TrustSafety.Consent.Pupils;
using static TrustSafety.Consent.Tests.Deciders.Given;

namespace TrustSafety.Consent.Tests.Deciders;

public sealed class ResponseAndTypeTests
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

    [Theory]
    [InlineData(ConsentMode.OptIn, new string[0], false)]
    [InlineData(ConsentMode.OptIn, new[] { "given:2026-09-10" }, true)]
    [InlineData(ConsentMode.OptIn, new[] { "given:2026-09-10", "withdrawn:2026-10-01" }, false)]
    [InlineData(ConsentMode.OptOut, new string[0], true)]
    [InlineData(ConsentMode.OptOut, new[] { "declined:2026-09-10" }, false)]
    public void withdrawal_is_possible_only_while_something_counts_as_yes(ConsentMode mode, string[] answers, bool accepted)
    {
        var type = Type(mode);
        var outcome = WithdrawConsent.Withdraw(type, Answers(type, answers), "p1", Mum, D("2026-11-23"), Guid.NewGuid(), Now, "staff");
        (outcome.Rejection is null).ShouldBe(accepted);
        if (accepted) outcome.Events.ShouldHaveSingleItem().ShouldBeOfType<ConsentRevoked>().EffectiveOn.ShouldBe(D("2026-11-23"));
    }

    [Fact]
    public void wording_versions_are_numbered_in_order_and_the_same_text_is_not_a_new_version()
    {
        var type = Type(laterWordings: ("2026-10-01", false));
        var published = ManageConsentTypes.PublishWording(type, "new text", true, D("2026-11-23"), Now, "dsl").ShouldNotBeNull();
        published.Version.ShouldBe(3);
        published.RequiresFreshConsent.ShouldBeTrue();
        ManageConsentTypes.PublishWording(type, "v2", true, D("2026-11-23"), Now, "dsl").ShouldBeNull();
    }

    [Fact]
    public void switching_to_opt_out_is_a_settings_change_and_repeating_it_is_not()
    {
        var type = Type();
        var changed = ManageConsentTypes.ChangeSettings(type, ConsentMode.OptOut, type.Renewal, Now, "head").ShouldNotBeNull();
        type.Apply(changed);
        ManageConsentTypes.ChangeSettings(type, ConsentMode.OptOut, new RenewalPolicy(RenewalKind.AcademicYear), Now, "head").ShouldBeNull();
    }

    [Theory]
    [InlineData(null, false, null)]
    [InlineData("given:2026-09-10", false, "2026-09-10")]
    [InlineData("given:2026-09-10", true, "2026-11-23")]
    public void a_renewal_request_skips_pupils_whose_answer_already_covers_the_period(string? answer, bool fresh, string? requestedUnless)
    {
        var type = fresh ? Type(laterWordings: ("2026-11-01", true)) : Type();
        var consent = answer is null ? null : Answers(type, answer);
        var request = AskForConsent.Decide(type, consent, "p1", D("2026-11-23"), D("2027-08-31"), AskForConsent.Renewal, Now, "dsl");
        if (answer is not null && !fresh) request.ShouldBeNull(requestedUnless);
        else request.ShouldNotBeNull().WordingVersion.ShouldBe(type.CurrentWording.Version);
        AskForConsent.Decide(type, consent, "p1", D("2026-11-23"), D("2028-08-31"), AskForConsent.Renewal, Now, "dsl")
            .ShouldNotBeNull("next year's period is never covered by this year's answer");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("2026-07-22", false, "2026-07-23")]
    [InlineData("2026-07-22", true, "2029-07-23")]
    public void photos_of_a_leaver_may_be_kept_only_with_retention_consent_and_for_three_years(string? left, bool? consented, string? deleteFrom)
    {
        var pupil = new Pupil { PupilId = "p1", LeavingDate = left is null ? null : D(left) };
        var verdict = consented is null ? null : new Verdict(consented.Value, "x", "x", null);
        var due = PhotosDueForDeletion.DeleteFrom(pupil, verdict, 3);
        (due?.DeleteFrom).ShouldBe(deleteFrom is null ? null : D(deleteFrom));
    }
}
