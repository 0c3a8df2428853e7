using TrustSafety.Incident.ClosingIncident;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.ReportingConcern;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Incident.TriagingIncident;

namespace TrustSafety.Incident.Tests.RoutingIncidents;

public sealed class DefaultRouteTests
{
    /// <summary>
    /// Every default route: the triage (illegal, category, severity, the roles of the people involved) and the steps it
    /// must give, in the catalogue's order. 4C is "conduct" throughout (no default rule reads it).
    /// </summary>
    public static readonly TheoryData<string, bool, string, int, string, string, string> Routes = new()
    {
        { "nothing for everyday cyberbullying", false, "cyberbullying", 3, "child-victim,child-instigator", "", "" },
        { "illegal", true, "cyberbullying", 3, "child-victim,child-instigator", "refer-police", "inform-headteacher" },
        { "allegation-against-staff", false, "cyberbullying", 3, "child-victim,staff-instigator", "refer-lado,inform-headteacher", "" },
        { "staff-misuse", false, "staff-misuse", 2, "other", "inform-headteacher", "refer-lado" },
        { "extremism", false, "radicalisation-extremism", 3, "child-instigator", "refer-prevent", "refer-police" },
        { "indecent-images", false, "indecent-images-of-children", 3, "child-victim", "refer-police,refer-iwf", "refer-ceop" },
        { "grooming-exploitation", false, "grooming-exploitation", 3, "child-victim", "refer-police,refer-childrens-social-care", "refer-ceop" },
        { "nudes-semi-nudes", false, "nudes-semi-nudes", 3, "child-victim,child-instigator", "",
            "refer-police,refer-childrens-social-care,consult-advice-line" },
        { "contact-with-strangers", false, "contact-with-strangers", 3, "child-victim", "", "refer-ceop,consult-advice-line" },
        { "self-harm-mental-health (self-harm content)", false, "self-harm-suicide-eating-disorder", 3, "child-victim", "",
            "refer-childrens-social-care,inform-headteacher,consult-advice-line" },
        { "self-harm-mental-health (mental-health concern)", false, "mental-health-concern", 2, "child-victim", "",
            "refer-childrens-social-care,inform-headteacher,consult-advice-line" },
        { "fraud-phishing", false, "fraud-phishing", 3, "child-victim", "", "refer-police" },
        { "staff-victim", false, "cyberbullying", 3, "staff-victim,child-instigator", "", "inform-headteacher,consult-advice-line" },
        { "critical", false, "cyberbullying", 5, "child-victim", "inform-headteacher", "consult-advice-line" },
        { "serious-or-unsure", false, "cyberbullying", 4, "child-victim", "", "consult-advice-line" },
        { "illegal and critical: required wins over suggested", true, "cyberbullying", 5, "child-victim", "refer-police,inform-headteacher",
            "consult-advice-line" },
        { "no route for categories the defaults leave to the DSL", false, "sharing-personal-information", 3, "child-victim", "", "" },
    };

    private static string[] Csv(string s) => s.Length == 0 ? [] : s.Split(',');

    [Theory]
    [MemberData(nameof(Routes))]
    public void the_default_rules_give_each_triage_its_route(string route, bool illegal, string category, int severity, string roles,
        string required, string suggested)
    {
        var steps = RouteEvaluation.Evaluate(DefaultRouteRules.Rules, new TriageFacts(illegal, category, "conduct", severity, Csv(roles)));
        steps.Where(s => s.Level == RouteLevels.Required).Select(s => s.Step).ShouldBe(Csv(required), route);
        steps.Where(s => s.Level == RouteLevels.Suggested).Select(s => s.Step).ShouldBe(Csv(suggested), route);
    }

    [Fact]
    public void every_default_rule_is_exercised_by_a_route_above()
    {
        var raised = Routes.Select(row => (object[])row)
            .SelectMany(r => RouteEvaluation.Evaluate(DefaultRouteRules.Rules,
                new TriageFacts((bool)r[1], (string)r[2], "conduct", (int)r[3], Csv((string)r[4]))))
            .SelectMany(s => s.Rules).ToHashSet();
        DefaultRouteRules.Rules.Select(r => r.Id).Where(id => !raised.Contains(id)).ShouldBeEmpty();
    }

    [Fact]
    public void a_step_both_required_and_suggested_is_required_and_names_only_the_rules_that_require_it()
    {
        var steps = RouteEvaluation.Evaluate(DefaultRouteRules.Rules, new TriageFacts(true, "staff-misuse", "conduct", 3, ["other"]));
        var headteacher = steps.Single(s => s.Step == RouteStepKinds.InformHeadteacher);
        headteacher.Level.ShouldBe(RouteLevels.Required);
        headteacher.Rules.ShouldBe(["staff-misuse"]);
    }

    [Fact]
    public void the_defaults_pass_the_validation_a_published_version_must_pass() =>
        RouteRulesApi.Validate(new PublishRouteRulesRequest(DefaultRouteRules.Rules
            .Select(r => new RouteRuleInput(r.Id, r.Description, r.Source, r.When, [.. r.Required], [.. r.Suggested])).ToList(), "defaults"))
            .Any.ShouldBeFalse();

    [Theory]
    [InlineData(null, true, "staff-victim", true)]
    [InlineData(null, null, null, true)]
    [InlineData(true, null, null, false)]
    [InlineData(null, false, null, false)]
    [InlineData(null, null, "staff-instigator", false)]
    public void a_condition_holds_only_when_every_part_given_holds(bool? illegal, bool? categoryMatches, string? role, bool holds)
    {
        var when = new RouteCondition(illegal, categoryMatches is null ? null : [categoryMatches.Value ? "cyberbullying" : "online-hate"],
            PersonRoles: role is null ? null : [role]);
        RouteEvaluation.Applies(when, new TriageFacts(false, "cyberbullying", "conduct", 3, ["staff-victim"])).ShouldBe(holds);
    }
}

public sealed class RouteProgressTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);

    internal static OnlineSafetyIncident TriagedUnder(RouteRuleSet rules, bool illegal = true, string category = "cyberbullying",
        string role = "child-victim", int severity = 3)
    {
        var incident = Given.Reported(role);
        var triaged = TriageIncident.Decide(incident, new TriageRequest(illegal, category, "conduct", severity, Given.Dsl.Id, Given.Dsl.Name, "why"),
            Given.Dsl, Given.Now, rules).ShouldAccept<IncidentTriaged>();
        incident.Apply(triaged);
        return incident;
    }

    private static Decision Close(OnlineSafetyIncident incident) =>
        CloseIncident.Decide(incident, new CloseRequest(null, "Dealt with", "None", "referred-externally"), Given.Dsl, Given.Now);

    [Fact]
    public void a_triage_records_the_rules_version_and_the_steps_it_gave()
    {
        var incident = Given.Reported();
        var triaged = TriageIncident.Decide(incident, new TriageRequest(true, "cyberbullying", "conduct", 3, "d", null, "why"), Given.Dsl, Given.Now)
            .ShouldAccept<IncidentTriaged>();
        triaged.RouteRulesVersion.ShouldBe(DefaultRouteRules.Version);
        triaged.RouteSteps!.Select(s => (s.Step, s.Level)).ShouldBe([(RouteStepKinds.Police, RouteLevels.Required),
            (RouteStepKinds.InformHeadteacher, RouteLevels.Suggested)]);
    }

    [Fact]
    public void a_triage_under_a_published_version_follows_that_versions_rules()
    {
        var v2 = new RouteRuleSet
        {
            RulesVersion = 2, Rules = [new("all-to-advice-line", "Every incident", null, new(), [RouteStepKinds.ConsultAdviceLine], [])],
        };
        var incident = TriagedUnder(v2);
        incident.RouteRulesVersion.ShouldBe(2);
        RouteEvaluation.Progress(incident).Steps.Select(s => s.Step).ShouldBe([RouteStepKinds.ConsultAdviceLine]);
    }

    [Fact]
    public void a_later_triage_keeps_the_rules_version_of_the_first()
    {
        var incident = TriagedUnder(DefaultRouteRules.Set);
        incident.Apply(new IncidentTriaged(incident.Id, "d", "D", Given.Now, incident.ReportedAt, false, "cyberbullying", "2026.1", "conduct", 3,
            "d", null, "r", 7, []));
        incident.RouteRulesVersion.ShouldBe(DefaultRouteRules.Version);
    }

    [Fact]
    public void closing_an_illegal_incident_with_no_police_referral_is_refused_naming_the_police_step()
    {
        var conflict = Close(TriagedUnder(DefaultRouteRules.Set)).Rejection.ShouldBeOfType<NotAllowedNow>();
        conflict.Title.ShouldContain("Required steps");
        conflict.Detail.ShouldContain("Refer to the police (refer-police)");
        conflict.Detail.ShouldNotContain("inform-headteacher", customMessage: "a suggested step never holds a closure back");
        conflict.Extensions!["openSteps"].ShouldBe(new List<string> { RouteStepKinds.Police });
    }

    [Fact]
    public void a_police_referral_with_its_outcome_lets_the_illegal_incident_close()
    {
        var referralId = Guid.NewGuid();
        var incident = TriagedUnder(DefaultRouteRules.Set);
        incident.Apply(new ReferralMade(incident.Id, referralId, "d", "D", Given.Now, "police", "CAD-1", Today, Today.AddDays(3), "illegal"));
        var step = RouteEvaluation.Progress(incident).Steps.Single(s => s.Step == RouteStepKinds.Police);
        (step.State, step.SatisfiedBy, step.RecordId).ShouldBe((RouteStates.Done, "referral", referralId));
        Close(incident).ShouldBeConflict("Referrals are awaiting an outcome");
        incident.Apply(new ReferralOutcomeRecorded(incident.Id, referralId, "d", "D", Given.Now, "police", "NFA", Today));
        Close(incident).ShouldAccept<IncidentClosed>();
    }

    [Fact]
    public void a_referral_made_before_the_triage_does_the_step()
    {
        var incident = Given.Reported("staff-instigator");
        incident.Apply(new ReferralMade(incident.Id, Guid.NewGuid(), "d", "D", Given.Now, "lado", "LADO-1", Today, Today, "allegation"));
        incident.Apply(TriageIncident.Decide(incident, new TriageRequest(false, "staff-misuse", "conduct", 3, "d", null, "why"), Given.Dsl, Given.Now)
            .ShouldAccept<IncidentTriaged>());
        RouteEvaluation.Progress(incident).Steps.Single(s => s.Step == RouteStepKinds.Lado).State.ShouldBe(RouteStates.Done);
    }

    [Fact]
    public void an_action_of_the_steps_kind_does_it()
    {
        var incident = TriagedUnder(DefaultRouteRules.Set, illegal: false, severity: 5);
        var actionId = Guid.NewGuid();
        incident.Apply(new HeadteacherInformed(incident.Id, actionId, "d", "D", Given.Now, Today, "told at once"));
        var step = RouteEvaluation.Progress(incident).Steps.Single(s => s.Step == RouteStepKinds.InformHeadteacher);
        (step.State, step.SatisfiedBy, step.RecordId).ShouldBe((RouteStates.Done, "action", actionId));
        Close(incident).ShouldAccept<IncidentClosed>();
    }

    [Fact]
    public void a_decision_not_to_take_a_required_step_with_its_rationale_lets_the_incident_close()
    {
        var incident = TriagedUnder(DefaultRouteRules.Set);
        var declined = DeclineRouteStep.Decide(incident, RouteStepKinds.Police, new("Police already hold the case, ref CAD-9"), Given.Dsl,
            Given.Now, Guid.NewGuid()).ShouldAccept<RouteStepDeclined>();
        incident.Apply(declined);
        var step = RouteEvaluation.Progress(incident).Steps.Single(s => s.Step == RouteStepKinds.Police);
        (step.State, step.Rationale).ShouldBe((RouteStates.Declined, "Police already hold the case, ref CAD-9"));
        Close(incident).ShouldAccept<IncidentClosed>();
    }

    [Fact]
    public void an_incident_triaged_before_route_rules_existed_has_no_route_and_closes_as_before()
    {
        var incident = Given.Reported();
        incident.Apply(new IncidentTriaged(incident.Id, "d", "D", Given.Now, incident.ReportedAt, true, "cyberbullying", "2025.1", "conduct", 3,
            "d", null, "r"));
        var route = RouteEvaluation.Progress(incident);
        route.RulesVersion.ShouldBeNull();
        route.Steps.ShouldBeEmpty();
        Close(incident).ShouldAccept<IncidentClosed>();
    }

    [Fact]
    public void a_step_not_on_the_route_cannot_be_declined_and_the_error_lists_the_routes_steps()
    {
        var decision = DeclineRouteStep.Decide(TriagedUnder(DefaultRouteRules.Set), RouteStepKinds.Prevent, new("no"), Given.Dsl, Given.Now, Guid.NewGuid());
        decision.ShouldBeInvalid("step");
        ((InvalidInput)decision.Rejection!).Errors["step"][0].ShouldContain("refer-police, inform-headteacher");
    }

    [Fact]
    public void a_decision_not_to_needs_its_rationale() =>
        DeclineRouteStep.Decide(TriagedUnder(DefaultRouteRules.Set), RouteStepKinds.Police, new(" "), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("rationale");

    [Fact]
    public void a_step_already_done_or_declined_is_not_declined_again()
    {
        var incident = TriagedUnder(DefaultRouteRules.Set);
        incident.Apply(new ReferralMade(incident.Id, Guid.NewGuid(), "d", "D", Given.Now, "police", "CAD-1", Today, Today, "r"));
        DeclineRouteStep.Decide(incident, RouteStepKinds.Police, new("r"), Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("already done");
        incident.Apply(new RouteStepDeclined(incident.Id, Guid.NewGuid(), RouteStepKinds.InformHeadteacher, "d", "D", Given.Now, "r"));
        DeclineRouteStep.Decide(incident, RouteStepKinds.InformHeadteacher, new("r"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeConflict("already recorded");
    }
}

public sealed class PublishingRouteRulesTests
{
    private static RouteRuleInput Rule(string id = "r1") => new(id, "A rule", null, new(Illegal: true), ["refer-police"], []);

    public static readonly TheoryData<string, string> Breakages = new()
    {
        { "no rationale", "rationale" },
        { "no rules", "rules" },
        { "duplicate id", "rules[1].id" },
        { "unknown step", "rules[0].required" },
        { "unknown suggested step", "rules[0].suggested" },
        { "no steps", "rules[0].required" },
        { "unknown category", "rules[0].when.categories" },
        { "unknown 4C", "rules[0].when.fourC" },
        { "unknown role", "rules[0].when.personRoles" },
        { "severity 6", "rules[0].when.minSeverity" },
        { "no condition", "rules[0].when" },
        { "no description", "rules[0].description" },
    };

    private static PublishRouteRulesRequest Broken(string breakage) => breakage switch
    {
        "no rationale" => new([Rule()], null),
        "no rules" => new([], "why"),
        "duplicate id" => new([Rule(), Rule()], "why"),
        "unknown step" => new([Rule() with { Required = ["refer-nhs"] }], "why"),
        "unknown suggested step" => new([Rule() with { Suggested = ["ring-mum"] }], "why"),
        "no steps" => new([Rule() with { Required = [] }], "why"),
        "unknown category" => new([Rule() with { When = new(Categories: ["self-harm"]) }], "why"),
        "unknown 4C" => new([Rule() with { When = new(FourC: ["content", "cash"]) }], "why"),
        "unknown role" => new([Rule() with { When = new(PersonRoles: ["parent"]) }], "why"),
        "severity 6" => new([Rule() with { When = new(MinSeverity: 6) }], "why"),
        "no condition" => new([Rule() with { When = null }], "why"),
        "no description" => new([Rule() with { Description = "" }], "why"),
        _ => throw new ArgumentOutOfRangeException(nameof(breakage)),
    };

    [Theory]
    [MemberData(nameof(Breakages))]
    public void a_version_that_breaks_a_rule_is_refused_naming_the_field(string breakage, string field)
    {
        var errors = RouteRulesApi.Validate(Broken(breakage)).ToDictionary();
        errors.Keys.ShouldBe([field], breakage);
    }

    [Fact]
    public void a_step_a_rule_both_requires_and_suggests_is_kept_as_required_only() =>
        RouteRulesApi.ToRule(Rule() with { Suggested = ["refer-police", "refer-ceop"] }).Suggested.ShouldBe(["refer-ceop"]);
}
