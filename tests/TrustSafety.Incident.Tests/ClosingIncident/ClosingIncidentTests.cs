using TrustSafety.Incident.ClosingIncident;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ClosingIncident;

public sealed class ClosingIncidentTests
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
