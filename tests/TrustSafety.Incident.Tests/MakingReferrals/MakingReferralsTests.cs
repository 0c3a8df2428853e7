using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.MakingReferrals;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.MakingReferrals;

public sealed class MakingReferralsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
    private static readonly MakeReferralRequest Valid = new("police", "CAD-123", Today, Today.AddDays(5), "Illegal content shared");

    private static readonly Dictionary<string, MakeReferralRequest> Breakages = new()
    {
        ["unknown destination"] = Valid with { Destination = "nhs" },
        ["no destination"] = Valid with { Destination = null },
        ["no reference"] = Valid with { ReferenceNumber = "" },
        ["no made on"] = Valid with { MadeOn = null },
        ["made tomorrow"] = Valid with { MadeOn = Today.AddDays(1), DueOn = Today.AddDays(2) },
        ["no due on"] = Valid with { DueOn = null },
        ["due before made"] = Valid with { DueOn = Today.AddDays(-1) },
        ["no rationale"] = Valid with { Rationale = null },
    };

    [Theory]
    [InlineData("unknown destination", "destination")]
    [InlineData("no destination", "destination")]
    [InlineData("no reference", "referenceNumber")]
    [InlineData("no made on", "madeOn")]
    [InlineData("made tomorrow", "madeOn")]
    [InlineData("no due on", "dueOn")]
    [InlineData("due before made", "dueOn")]
    [InlineData("no rationale", "rationale")]
    public void a_referral_that_breaks_a_rule_is_rejected_naming_the_field(string breakage, string field) =>
        MakeReferral.Decide(Given.Triaged(), Breakages[breakage], Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid(field);

    [Theory]
    [InlineData("childrens-social-care")]
    [InlineData("police")]
    [InlineData("ceop")]
    [InlineData("iwf")]
    [InlineData("prevent")]
    [InlineData("lado")]
    [InlineData("early-help")]
    public void every_destination_can_be_referred_to(string destination) =>
        MakeReferral.Decide(Given.Triaged(), Valid with { Destination = destination }, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<ReferralMade>().Destination.ShouldBe(destination);

    [Fact]
    public void no_referral_is_made_on_a_closed_incident() =>
        MakeReferral.Decide(Given.Closed(), Valid, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("closed");

    [Fact]
    public void an_outcome_is_recorded_once_against_a_known_referral()
    {
        var referralId = Guid.NewGuid();
        var incident = Given.WithReferral(Given.Triaged(), referralId, Today.AddDays(-3), Today.AddDays(2));
        var recorded = MakeReferral.RecordOutcome(incident, referralId, new("Strategy meeting on Tuesday", Today, "strategy-discussion"), Given.Dsl,
                Given.Now)
            .ShouldAccept<ReferralOutcomeRecorded>();
        recorded.Destination.ShouldBe("childrens-social-care");
        recorded.OutcomeCode.ShouldBe("strategy-discussion");
        recorded.Outcome.ShouldBe("Strategy meeting on Tuesday");
        incident.Apply(recorded);
        MakeReferral.RecordOutcome(incident, referralId, new("Again", Today, "no-further-action"), Given.Dsl, Given.Now).ShouldBeConflict("already");
    }

    [Theory]
    [InlineData("no-further-action", null, "no-further-action", "")]
    [InlineData(null, "section-47-enquiry", "section-47-enquiry", "")]
    [InlineData("early-help", "Family agreed to a TAF", "early-help", "Family agreed to a TAF")]
    public void an_outcome_is_a_code_with_optional_words_and_a_code_sent_as_the_outcome_counts_as_the_code(
        string? code, string? outcome, string expectedCode, string expectedWords)
    {
        var referralId = Guid.NewGuid();
        var incident = Given.WithReferral(Given.Triaged(), referralId, Today.AddDays(-3), Today.AddDays(2));
        var recorded = MakeReferral.RecordOutcome(incident, referralId, new(outcome, Today, code), Given.Dsl, Given.Now).ShouldAccept<ReferralOutcomeRecorded>();
        recorded.OutcomeCode.ShouldBe(expectedCode);
        recorded.Outcome.ShouldBe(expectedWords);
        incident.Apply(recorded);
        incident.OpenReferrals.ShouldBe(0);
    }

    [Theory]
    [InlineData("unknown referral", "referralId")]
    [InlineData("no outcome", "outcomeCode")]
    [InlineData("words but no code", "outcomeCode")]
    [InlineData("unknown code", "outcomeCode")]
    [InlineData("no received on", "receivedOn")]
    [InlineData("received before made", "receivedOn")]
    public void an_outcome_that_breaks_a_rule_is_rejected(string breakage, string field)
    {
        var referralId = Guid.NewGuid();
        var incident = Given.WithReferral(Given.Triaged(), referralId, Today.AddDays(-3), Today.AddDays(2));
        var (id, request) = breakage switch
        {
            "unknown referral" => (Guid.NewGuid(), new ReferralOutcomeRequest("x", Today, "no-further-action")),
            "no outcome" => (referralId, new ReferralOutcomeRequest(null, Today)),
            "words but no code" => (referralId, new ReferralOutcomeRequest("Police said they would look into it", Today)),
            "unknown code" => (referralId, new ReferralOutcomeRequest(null, Today, "awaiting-response")),
            "no received on" => (referralId, new ReferralOutcomeRequest("x", null, "no-further-action")),
            _ => (referralId, new ReferralOutcomeRequest("x", Today.AddDays(-10), "no-further-action")),
        };
        MakeReferral.RecordOutcome(incident, id, request, Given.Dsl, Given.Now).ShouldBeInvalid(field);
    }

    [Fact]
    public void overdue_referrals_are_those_past_due_without_an_outcome_most_overdue_first()
    {
        var overdue = Given.WithReferral(Given.Triaged(), Guid.NewGuid(), Today.AddDays(-10), Today.AddDays(-2));
        var veryOverdue = Given.WithReferral(Given.Triaged(), Guid.NewGuid(), Today.AddDays(-20), Today.AddDays(-9));
        var notDue = Given.WithReferral(Given.Triaged(), Guid.NewGuid(), Today, Today.AddDays(3));
        var answeredId = Guid.NewGuid();
        var answered = Given.WithReferral(Given.Triaged(), answeredId, Today.AddDays(-10), Today.AddDays(-2));
        answered.Apply(new ReferralOutcomeRecorded(answered.Id, answeredId, "d", "d", Given.Now, "police", "NFA", Today));

        var list = OverdueReferrals.Select([overdue, veryOverdue, notDue, answered], Given.Dsl, Today);

        list.Select(r => r.IncidentId).ShouldBe([veryOverdue.Id, overdue.Id]);
        list[0].DaysOverdue.ShouldBe(9);
    }

    [Fact]
    public void a_deputy_does_not_see_overdue_referrals_of_staff_allegations()
    {
        var allegation = Given.WithReferral(Given.Triaged(role: "staff-instigator"), Guid.NewGuid(), Today.AddDays(-10), Today.AddDays(-2));
        OverdueReferrals.Select([allegation], Given.Deputy, Today).ShouldBeEmpty();
        OverdueReferrals.Select([allegation], Given.Dsl, Today).ShouldHaveSingleItem();
    }
}
