using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Publishing;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.AssessingRisk;

/// <summary>Issue 15: the pure deciders of the UKCIS risk assessment and of immediate danger.</summary>
public sealed class AssessingRiskTests
{
    private static RiskAssessmentRequest Assessment(bool adult = false, bool coercion = false, bool extreme = false, bool under13 = false,
        bool risk = false, string decision = RiskDecisions.ManageInSchool) =>
        new("14 and 15", adult, coercion, extreme, under13, risk, false, null, false, null, "MASH: not known; police: no record", decision,
            "Consensual exchange between peers of a similar age; no aggravating factors");

    [Theory]
    [InlineData("nudes-semi-nudes", true)]
    [InlineData("indecent-images-of-children", true)]
    [InlineData("grooming-exploitation", true)]
    [InlineData("cyberbullying", false)]
    [InlineData("self-harm-suicide-eating-disorder", false)]
    public void a_risk_assessment_is_recorded_only_for_nudes_and_exploitation_cases(string category, bool accepted)
    {
        var decision = AssessRisk.Assess(Given.Triaged(category), Assessment(), Given.Dsl, Given.Now, Guid.NewGuid());
        if (accepted) decision.ShouldAccept<RiskAssessmentRecorded>().AssessmentVersion.ShouldBe(1);
        else decision.ShouldBeConflict("UKCIS risk assessment");
    }

    [Theory]
    [InlineData(true, false, false, false, false)]
    [InlineData(false, true, false, false, false)]
    [InlineData(false, false, true, false, false)]
    [InlineData(false, false, false, true, false)]
    [InlineData(false, false, false, false, true)]
    public void any_ukcis_initial_review_trigger_rules_out_managing_in_school(bool adult, bool coercion, bool extreme, bool under13, bool risk)
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        AssessRisk.Assess(incident, Assessment(adult, coercion, extreme, under13, risk), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("decision");
        AssessRisk.Assess(incident, Assessment(adult, coercion, extreme, under13, risk, RiskDecisions.ReferPoliceAndSocialCare), Given.Dsl,
            Given.Now, Guid.NewGuid()).ShouldAccept<RiskAssessmentRecorded>();
    }

    [Fact]
    public void an_unanswered_assessment_names_every_missing_answer()
    {
        var empty = new RiskAssessmentRequest(null, null, null, null, null, null, true, null, true, null, null, null, null);
        AssessRisk.Assess(Given.Triaged("nudes-semi-nudes"), empty, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid(
            "ages", "adultInvolved", "coercionOrBlackmail", "extremeOrViolentActs", "underThirteen", "immediateRisk", "agenciesChecked",
            "decision", "rationale", "vulnerability", "furtherSharing");
    }

    [Fact]
    public void a_second_assessment_is_a_new_version_and_the_first_is_kept()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        incident.Apply(AssessRisk.Assess(incident, Assessment(), Given.Dsl, Given.Now, Guid.NewGuid()).ShouldAccept<RiskAssessmentRecorded>());
        var second = AssessRisk.Assess(incident, Assessment(risk: true, decision: RiskDecisions.ReferSocialCare), Given.Dsl, Given.Now.AddDays(1),
            Guid.NewGuid()).ShouldAccept<RiskAssessmentRecorded>();
        second.AssessmentVersion.ShouldBe(2);
        incident.Apply(second);
        incident.RiskAssessments.Select(a => a.Version).ShouldBe([1, 2]);
        incident.Timeline.Count(t => t.Kind == "risk-assessment").ShouldBe(2);
    }

    [Fact]
    public void immediate_danger_requires_the_police_step_tops_the_queue_and_survives_a_retriage()
    {
        var incident = Given.Triaged("cyberbullying");
        incident.RouteSteps.ShouldBeEmpty();
        var flagged = AssessRisk.FlagImmediateDanger(incident, new(false, "Pupil said they will meet the adult tonight"), Given.Deputy, Given.Now,
            Guid.NewGuid()).ShouldAccept<ImmediateDangerFlagged>();
        incident.Apply(flagged);

        incident.Priority.ShouldBe(6);
        var police = RouteEvaluation.Progress(incident).OpenRequired.ShouldHaveSingleItem();
        police.Step.ShouldBe(RouteStepKinds.Police);
        police.Rules.ShouldContain(OnlineSafetyIncident.ImmediateDangerRule);

        incident.Apply(new IncidentTriaged(incident.Id, Given.Dsl.Id, Given.Dsl.Name, Given.Now, incident.ReportedAt, false, "cyberbullying",
            "2026.1", "contact", 2, Given.Dsl.Id, Given.Dsl.Name, "Re-triage", 1, []));
        incident.Priority.ShouldBe(6);
        RouteEvaluation.Progress(incident).OpenRequired.Select(s => s.Step).ShouldBe([RouteStepKinds.Police]);

        AssessRisk.FlagImmediateDanger(incident, new(true, "again"), Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("already flagged");
    }

    [Fact]
    public void immediate_danger_upgrades_a_suggested_police_step_to_required_keeping_its_rules()
    {
        var incident = Given.Triaged("nudes-semi-nudes");
        incident.RouteSteps = [new(RouteStepKinds.Police, RouteLevels.Suggested, ["nudes-semi-nudes"])];
        incident.Apply(AssessRisk.FlagImmediateDanger(incident, new(true, "Threat of blackmail tonight"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<ImmediateDangerFlagged>());
        var step = incident.RouteSteps.ShouldHaveSingleItem();
        step.Level.ShouldBe(RouteLevels.Required);
        step.Rules.ShouldBe(["nudes-semi-nudes", OnlineSafetyIncident.ImmediateDangerRule]);
    }

    [Fact]
    public void immediate_danger_is_published_without_a_word_of_the_rationale()
    {
        var incident = Given.Triaged("cyberbullying", role: "staff-instigator");
        var flagged = AssessRisk.FlagImmediateDanger(incident, new(true, "secret words"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<ImmediateDangerFlagged>();
        var wire = IncidentIntegrationEvents.Map(flagged, "141001", Given.Now)
            .ShouldBeOfType<TrustSafety.Contracts.Incident.ImmediateDangerRaised>();
        wire.IncidentId.ShouldBe(incident.Id);
        wire.SchoolUrn.ShouldBe("141001");
        wire.EmergencyServicesCalled.ShouldBeTrue();
        wire.AllegationAgainstStaff.ShouldBe(incident.AllegationAgainstStaff);
        System.Text.Json.JsonSerializer.Serialize(wire).ShouldNotContain("secret");
    }
}
