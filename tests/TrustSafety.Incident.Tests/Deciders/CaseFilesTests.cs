using TrustSafety.Incident.Agencies;
using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Containing;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.LinkingCases;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.Incident.StoringEvidenceFiles;

namespace TrustSafety.Incident.Tests.Deciders;

/// <summary>Issue 15 points 3, 4, 6, 7 and 8: the pure deciders.</summary>
public sealed class CaseFilesTests
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
    public void copies_are_deleted_only_after_the_dsl_records_that_no_agency_needs_them_and_after_the_last_referral()
    {
        var incident = Given.Triaged("cyberbullying");
        var delete = new ContainmentRequest(DateOnly.FromDateTime(Given.Now.UtcDateTime), "Copies on two pupils' phones", null, null);
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeConflict("may not be deleted");

        Contain.ConfirmCopiesNotNeeded(incident, new("Police said no"), Given.Deputy, Given.Now, Guid.NewGuid()).ShouldBeForbidden("Only the DSL");
        incident.Apply(Contain.ConfirmCopiesNotNeeded(incident, new("No agency involved; parents agreed"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<CopiesNotNeededConfirmed>());
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Deputy, Given.Now, Guid.NewGuid())
            .ShouldAccept<ContainmentRecorded>().Kind.ShouldBe(ContainmentKinds.CopiesDeleted);

        incident.Apply(new ReferralMade(incident.Id, Guid.NewGuid(), Given.Dsl.Id, Given.Dsl.Name, Given.Now.AddHours(1), "police", "CAD-1",
            DateOnly.FromDateTime(Given.Now.UtcDateTime), DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(3), "escalated"));
        Contain.Record(incident, ContainmentKinds.CopiesDeleted, delete, Given.Dsl, Given.Now.AddHours(2), Guid.NewGuid())
            .ShouldBeConflict("may not be deleted");
    }

    [Theory]
    [InlineData("content-blocked", null)]
    [InlineData("account-suspended", null)]
    [InlineData("reported-to-platform", "Snapchat")]
    [InlineData("url-reported-to-iwf", null)]
    public void other_containment_actions_need_only_what_and_when(string kind, string? platform)
    {
        var incident = Given.Triaged("cyberbullying");
        var recorded = Contain.Record(incident, kind, new(DateOnly.FromDateTime(Given.Now.UtcDateTime), "the group chat", platform, "REF-1"),
            Given.Deputy, Given.Now, Guid.NewGuid()).ShouldAccept<ContainmentRecorded>();
        incident.Apply(recorded);
        incident.Timeline.Last().Kind.ShouldBe("containment");
    }

    [Fact]
    public void a_containment_action_names_every_bad_field_and_an_unknown_kind()
    {
        var incident = Given.Triaged("cyberbullying");
        Contain.Record(incident, "burnt", new(null, null, null, null), Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid("kind");
        Contain.Record(incident, ContainmentKinds.ReportedToPlatform, new(DateOnly.FromDateTime(Given.Now.UtcDateTime).AddDays(1), null, null, null),
            Given.Dsl, Given.Now, Guid.NewGuid()).ShouldBeInvalid("doneOn", "what", "platform");
    }

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Theory]
    [InlineData("cyberbullying", true)]
    [InlineData("online-hate", true)]
    [InlineData("nudes-semi-nudes", false)]
    [InlineData("indecent-images-of-children", false)]
    [InlineData("online-sexual-harassment", false)]
    public void a_screenshot_is_kept_only_for_categories_other_than_imagery_and_sexual_harassment(string category, bool accepted)
    {
        var decision = StoreEvidenceFile.Decide(Given.Triaged(category), new("Chat messages", "true", "image/png", Png), Given.Dsl, Given.Now,
            Guid.NewGuid());
        if (accepted) decision.ShouldAccept<EvidenceFileStored>().ContentType.ShouldBe("image/png");
        else decision.ShouldBeConflict("not accepted");
    }

    [Theory]
    [InlineData(null, "noNudityConfirmed")]
    [InlineData("false", "noNudityConfirmed")]
    [InlineData("yes", "noNudityConfirmed")]
    public void a_screenshot_needs_the_no_nudity_confirmation(string? confirmed, string field) =>
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", confirmed, "image/png", Png), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid(field);

    [Fact]
    public void a_file_that_is_not_an_image_of_an_accepted_type_is_refused_whatever_it_claims()
    {
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", "true", "image/png", "%PDF-1.7"u8.ToArray()), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("file");
        StoreEvidenceFile.Decide(Given.Triaged(), new("Chat", "true", "image/jpeg", Png), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("file");
        StoreEvidenceFile.Decide(Given.Triaged(), new(null, "true", null, null), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("description", "file");
    }

    [Fact]
    public void the_directory_takes_the_school_entry_over_the_trust_default_over_the_built_in_one()
    {
        static AgencyContact Entry(string code, string name, int revision) =>
            new() { Id = code, Details = new(name, "0100", null, null, null, null), Revision = revision, UpdatedByName = "x" };
        var trust = new Dictionary<string, AgencyContact> { ["mash"] = Entry("mash", "Trust MASH", 2), ["lado"] = Entry("lado", "Trust LADO", 1) };
        var school = new Dictionary<string, AgencyContact> { ["mash"] = Entry("mash", "Blakehill's MASH", 3) };

        var forSchool = AgenciesApi.Resolve(trust, school).ToDictionary(e => e.Code);
        forSchool["mash"].Contact.Name.ShouldBe("Blakehill's MASH");
        forSchool["mash"].Source.ShouldBe(AgencySources.School);
        forSchool["mash"].EditRevision.ShouldBe(3);
        forSchool["mash"].TrustDefault!.Name.ShouldBe("Trust MASH");
        forSchool["lado"].Source.ShouldBe(AgencySources.Trust);
        forSchool["lado"].EditRevision.ShouldBe(0);
        forSchool["iwf"].Source.ShouldBe(AgencySources.BuiltIn);
        forSchool.Keys.ShouldBe(AgencyKinds.Codes, ignoreOrder: true);

        var forTrust = AgenciesApi.Resolve(trust, null).ToDictionary(e => e.Code);
        forTrust["mash"].Contact.Name.ShouldBe("Trust MASH");
        forTrust["mash"].EditRevision.ShouldBe(2);
    }

    [Fact]
    public void an_agency_contact_names_every_bad_field()
    {
        AgenciesApi.Validate(new(null, null, null, null, null, null)).ToDictionary().Keys.ShouldBe(["name", "phone"], ignoreOrder: true);
        AgenciesApi.Validate(new("MASH", "call me", "0800; drop", "nobody", "ftp://x", null)).ToDictionary().Keys
            .ShouldBe(["phone", "outOfHoursPhone", "email", "web"], ignoreOrder: true);
        AgenciesApi.Validate(new("MASH", "01902 555392", null, null, null, null)).Any.ShouldBeFalse();
    }

    private static readonly IReadOnlyDictionary<string, string> Schools = new Dictionary<string, string>
    {
        ["141001"] = "Blakehill Primary", ["141002"] = "Caldecote Primary", ["141003"] = "Stow Heath Primary",
    };

    private static CaseLinkRequest LinkRequest(string? school = "141002") =>
        new(school, "Two pupils exchanged threats in a shared gaming group", "Agree support for both pupils", "KCSIE; UK GDPR 6(1)(e)");

    [Fact]
    public void a_link_is_asked_only_of_another_school_of_the_trust_with_what_is_shared_and_why()
    {
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<CaseLinkRequested>().ToSchool.ShouldBe("141002");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest("141001"), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest("999999"), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn");
        LinkCases.Request("141001", Guid.NewGuid(), new(null, null, null, null), Schools, false, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeInvalid("schoolUrn", "sharedSummary", "purpose", "lawfulBasis");
        LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, true, Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldBeConflict("already open");
    }

    [Fact]
    public void only_the_asked_school_answers_a_link_and_only_once()
    {
        var link = CaseLink.Create((CaseLinkRequested)LinkCases.Request("141001", Guid.NewGuid(), LinkRequest(), Schools, false, Given.Dsl,
            Given.Now, Guid.NewGuid()).Events.Single());
        LinkCases.Accept(link, "141001", new(null, null, "ok"), false, Given.Dsl, Given.Now).ShouldBeForbidden("Only the asked school");
        LinkCases.Accept(link, "141002", new(Guid.NewGuid(), null, "ok"), false, Given.Dsl, Given.Now).ShouldBeInvalid("incidentId");
        LinkCases.Decline(link, "141002", new(""), Given.Dsl, Given.Now).ShouldBeInvalid("rationale");

        var accepted = LinkCases.Accept(link, "141002", new(null, "Our pupil is supported by the pastoral team", "Both schools' pupils"), false,
            Given.Dsl, Given.Now).ShouldAccept<CaseLinkAccepted>();
        link.Apply(accepted);
        link.Status.ShouldBe(CaseLinkStatus.Accepted);
        link.Shares.Select(s => s.School).ShouldBe(["141001", "141002"]);
        LinkCases.Decline(link, "141002", new("changed my mind"), Given.Dsl, Given.Now).ShouldBeConflict("already accepted");
    }

    [Fact]
    public void immediate_danger_is_published_without_a_word_of_the_rationale()
    {
        var incident = Given.Triaged("cyberbullying", role: "staff-instigator");
        var flagged = AssessRisk.FlagImmediateDanger(incident, new(true, "secret words"), Given.Dsl, Given.Now, Guid.NewGuid())
            .ShouldAccept<ImmediateDangerFlagged>();
        var wire = Publishing.IncidentIntegrationEvents.Map(flagged, "141001", Given.Now)
            .ShouldBeOfType<TrustSafety.Contracts.Incident.ImmediateDangerRaised>();
        wire.IncidentId.ShouldBe(incident.Id);
        wire.SchoolUrn.ShouldBe("141001");
        wire.EmergencyServicesCalled.ShouldBeTrue();
        wire.AllegationAgainstStaff.ShouldBe(incident.AllegationAgainstStaff);
        System.Text.Json.JsonSerializer.Serialize(wire).ShouldNotContain("secret");
    }
}
