using TrustSafety.Incident.ClosingIncident;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.MakingReferrals;
using TrustSafety.Incident.Http;

namespace TrustSafety.Incident.Tests.Deciders;

public sealed class MakeReferralTests
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

public sealed class CloseIncidentTests
{
    private static readonly CloseRequest Valid = new("Resolved with support", "Both pupils supported, no further risk", "Review chat rules in PSHE",
        "support-in-place");

    [Theory]
    [InlineData(null, "rationale", "lessons", new[] { "outcomeCode" })]
    [InlineData("Resolved with support", "rationale", "lessons", new[] { "outcomeCode" })]
    [InlineData("resolved-in-school", null, "lessons", new[] { "rationale" })]
    [InlineData("resolved-in-school", "rationale", " ", new[] { "lessonsLearnt" })]
    [InlineData(null, null, null, new[] { "outcomeCode", "rationale", "lessonsLearnt" })]
    public void closure_without_outcome_code_rationale_or_lessons_is_rejected_naming_each(string? outcomeCode, string? rationale, string? lessons, string[] fields)
    {
        var decision = CloseIncident.Decide(Given.Triaged(), new(null, rationale, lessons, outcomeCode), Given.Dsl, Given.Now);
        decision.ShouldBeInvalid(fields);
        decision.Rejection!.Title.ShouldBe(CloseIncident.Invalid);
    }

    [Fact]
    public void closure_records_the_outcome_code_and_keeps_the_outcome_words_apart()
    {
        var closed = CloseIncident.Decide(Given.Triaged(), Valid, Given.Dsl, Given.Now).ShouldAccept<IncidentClosed>();
        closed.OutcomeCode.ShouldBe("support-in-place");
        closed.Outcome.ShouldBe("Resolved with support");
    }

    [Fact]
    public void an_outcome_that_is_itself_a_code_counts_as_the_code_for_older_clients()
    {
        var closed = CloseIncident.Decide(Given.Triaged(), new("no-further-action", "r", "l"), Given.Dsl, Given.Now).ShouldAccept<IncidentClosed>();
        closed.OutcomeCode.ShouldBe("no-further-action");
        closed.Outcome.ShouldBe("");
    }

    [Fact]
    public void an_unknown_outcome_code_is_rejected_listing_the_codes()
    {
        var decision = CloseIncident.Decide(Given.Triaged(), Valid with { OutcomeCode = "sorted" }, Given.Dsl, Given.Now);
        decision.ShouldBeInvalid("outcomeCode");
        ((InvalidInput)decision.Rejection!).Errors["outcomeCode"].Single().ShouldContain("resolved-in-school");
    }

    [Fact]
    public void an_untriaged_incident_cannot_be_closed() =>
        CloseIncident.Decide(Given.Reported(), Valid, Given.Dsl, Given.Now).ShouldBeConflict("triaged");

    [Fact]
    public void an_incident_with_a_referral_awaiting_its_outcome_cannot_be_closed()
    {
        var today = DateOnly.FromDateTime(Given.Now.UtcDateTime);
        CloseIncident.Decide(Given.WithReferral(Given.Triaged(), Guid.NewGuid(), today, today.AddDays(2)), Valid, Given.Dsl, Given.Now)
            .ShouldBeConflict("Referrals");
    }

    [Fact]
    public void closing_records_outcome_rationale_lessons_and_the_triaged_category()
    {
        var closed = CloseIncident.Decide(Given.Triaged("online-hate"), Valid, Given.Dsl, Given.Now).ShouldAccept<IncidentClosed>();
        (closed.Outcome, closed.Rationale, closed.LessonsLearnt, closed.Category, closed.Severity)
            .ShouldBe((Valid.Outcome!, Valid.Rationale!, Valid.LessonsLearnt!, "online-hate", (int?)3));
    }

    [Fact]
    public void a_closed_incident_cannot_be_closed_again() =>
        CloseIncident.Decide(Given.Closed(), Valid, Given.Dsl, Given.Now).ShouldBeConflict("already closed");

    [Fact]
    public void reopening_needs_a_closed_incident_and_a_reason()
    {
        CloseIncident.Reopen(Given.Triaged(), new("new disclosure"), Given.Dsl, Given.Now).ShouldBeConflict("not closed");
        CloseIncident.Reopen(Given.Closed(), new(null), Given.Dsl, Given.Now).ShouldBeInvalid("reason");
        var incident = Given.Closed();
        incident.Apply(CloseIncident.Reopen(incident, new("new disclosure"), Given.Dsl, Given.Now).ShouldAccept<IncidentReopened>());
        incident.Status.ShouldBe(IncidentStatus.Triaged);
        incident.Reopenings.ShouldHaveSingleItem().PreviousClosure!.Outcome.ShouldBe("Resolved");
    }
}
