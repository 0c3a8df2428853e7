using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.OpeningConcernFromFilterAlert;
using TrustSafety.Incident.Publishing;
using TrustSafety.Incident.ReadingIncidents;
using Wire = TrustSafety.Contracts.Incident;

namespace TrustSafety.Incident.Tests.Deciders;

public sealed class FilterAlertTests
{
    private static SafeguardingAlertRaised Alert(string category = "self-harm", Guid? device = null) => new(
        Guid.NewGuid(), "141001", Given.Now, Given.Now.AddMinutes(-5), "smoothwall", Guid.NewGuid(), category, "content", 4,
        "blocked", "https://bad.example/", "how to", device, "u-7f3a", "10.0.0.12");

    [Fact]
    public void an_alert_opens_a_concern_marked_as_from_a_filter_alert()
    {
        var alert = Alert(device: Guid.NewGuid());
        var reported = OpenConcernFromFilterAlert.Decide(Guid.NewGuid(), alert, Given.Now);
        reported.Source.ShouldBe(IncidentSources.FilterAlert);
        reported.FilterAlert!.AlertId.ShouldBe(alert.AlertId);
        reported.HappenedAt.ShouldBe(alert.EventAt);
        reported.Location.Device.ShouldBe("school-device");
        reported.AllegationAgainstStaff.ShouldBeFalse();
        reported.SuggestedFourC.ShouldBe("content");
    }

    [Theory]
    [InlineData("iwf-caic", "indecent-images-of-children")]
    [InlineData("CTIRU", "radicalisation-extremism")]
    [InlineData("extremism", "radicalisation-extremism")]
    [InlineData("illegal-iwf", "indecent-images-of-children")]
    [InlineData("illegal-ctiru", "radicalisation-extremism")]
    [InlineData("self-harm", "self-harm-suicide-eating-disorder")]
    [InlineData("Pro-suicide forums", "self-harm-suicide-eating-disorder")]
    [InlineData("pornography", "inappropriate-content")]
    [InlineData("violence", "inappropriate-content")]
    [InlineData("discrimination", "online-hate")]
    [InlineData("piracy", "copyright-plagiarism")]
    [InlineData("gambling", null)]
    [InlineData("drugs", null)]
    [InlineData("malware-hacking", null)]
    [InlineData("other", null)]
    public void a_filter_category_suggests_the_incident_category_of_the_crosswalk(string filterCategory, string? suggested) =>
        OpenConcernFromFilterAlert.SuggestedCategory(filterCategory).ShouldBe(suggested);

    [Fact]
    public void every_category_the_crosswalk_suggests_is_in_the_current_list() =>
        Contracts.Reference.FilterCategoryCrosswalk.ByFilterCategory.Values.ShouldAllBe(c => Contracts.Reference.IncidentCategories.All.Contains(c));

    [Fact]
    public void a_self_harm_alert_opens_a_concern_suggesting_self_harm() =>
        OpenConcernFromFilterAlert.Decide(Guid.NewGuid(), Alert("self-harm"), Given.Now).SuggestedCategory
            .ShouldBe("self-harm-suicide-eating-disorder");
}

public sealed class IntegrationEventMapperTests
{
    [Fact]
    public void every_forwarded_domain_event_maps_to_its_contract_with_the_school_and_no_names()
    {
        var incident = Given.Reported();
        var at = Given.Now;
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var reported = (ConcernReported)Activator.CreateInstance(typeof(ConcernReported),
            incident.Id, "staff-1", "Sam Staff", at, at, "what", incident.Location, "how", incident.People, "staff", "cyberbullying",
            "conduct", true, null)!;
        var cases = new (object Domain, Type Contract)[]
        {
            (reported, typeof(Wire.IncidentReported)),
            (new IncidentTriaged(incident.Id, "d", "D", at, at, true, "online-hate", "2025.1", "conduct", 4, "d", null, "r"), typeof(Wire.IncidentTriaged)),
            (new ReferralMade(incident.Id, Guid.NewGuid(), "d", "D", at, "police", "R1", today, today.AddDays(3), "r"), typeof(Wire.ReferralMade)),
            (new ReferralOutcomeRecorded(incident.Id, Guid.NewGuid(), "d", "D", at, "police", "NFA", today, "no-further-action"),
                typeof(Wire.ReferralOutcomeRecordedV2)),
            (new IncidentClosed(incident.Id, "d", "D", at, "o", "r", "l", "online-hate", 4, at, "referred-externally"), typeof(Wire.IncidentClosed)),
            (new IncidentReopened(incident.Id, "d", "D", at, "r"), typeof(Wire.IncidentReopened)),
            (new AssessingRisk.ImmediateDangerFlagged(incident.Id, Guid.NewGuid(), "d", "Sam Staff", at, false, "r", false),
                typeof(Wire.ImmediateDangerRaised)),
            (new TaskAssigned(incident.Id, Guid.NewGuid(), "d", "D", at, "staff-1", "Sam Staff", "Call the parents", today), typeof(Wire.TaskAssigned)),
            (new TaskCompleted(incident.Id, Guid.NewGuid(), "staff-1", "Sam Staff", at, "Called them"), typeof(Wire.TaskCompleted)),
            (new PupilContext.VulnerabilityContextCounted(Guid.NewGuid(), "2027-01", 3, at, 10, [2, 0, 4, 1, 0, 1, 0]),
                typeof(Wire.VulnerabilityContextCounted)),
        };
        new IncidentIntegrationEvents().ForwardedEventTypes.ShouldBe(cases.Select(c => c.Domain.GetType()), ignoreOrder: true);
        foreach (var (domain, contract) in cases)
        {
            var message = IncidentIntegrationEvents.Map(domain, "141001", at).ShouldNotBeNull();
            message.ShouldBeOfType(contract);
            message.SchoolUrn.ShouldBe("141001");
            System.Text.Json.JsonSerializer.Serialize(message, contract).ShouldNotContain("Sam Staff");
        }
    }

    [Fact]
    public void a_closure_is_published_with_its_outcome_code_never_its_words()
    {
        var at = Given.Now;
        var coded = new IncidentClosed(Guid.NewGuid(), "d", "D", at, "Amelia's phone returned to her mother", "r", "l", "online-hate", 4, at,
            "support-in-place");
        IncidentIntegrationEvents.Map(coded, "141001", at).ShouldBeOfType<Wire.IncidentClosed>().Outcome.ShouldBe("support-in-place");

        var before = coded with { OutcomeCode = null };
        IncidentIntegrationEvents.Map(before, "141001", at).ShouldBeOfType<Wire.IncidentClosed>().Outcome.ShouldBe("not-coded");
    }

    [Fact]
    public void a_referral_outcome_is_published_as_v2_with_its_code_never_its_words_and_one_from_before_codes_as_not_coded()
    {
        var at = Given.Now;
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var coded = new ReferralOutcomeRecorded(Guid.NewGuid(), Guid.NewGuid(), "d", "D", at, "childrens-social-care",
            "Amelia's case goes to a strategy meeting", today, "strategy-discussion");
        var v2 = IncidentIntegrationEvents.Map(coded, "141001", at).ShouldBeOfType<Wire.ReferralOutcomeRecordedV2>();
        v2.OutcomeCode.ShouldBe("strategy-discussion");
        v2.ReceivedOn.ShouldBe(today);
        System.Text.Json.JsonSerializer.Serialize(v2).ShouldNotContain("Amelia");

        IncidentIntegrationEvents.Map(coded with { OutcomeCode = null }, "141001", at).ShouldBeOfType<Wire.ReferralOutcomeRecordedV2>()
            .OutcomeCode.ShouldBe("not-coded");
    }

    [Fact]
    public void vulnerable_learner_counts_are_published_as_counts_alone_with_no_incident_pupil_or_note()
    {
        typeof(Wire.VulnerabilityContextCounted).GetProperties().Select(p => p.Name).Order().ShouldBe(
            new[] { "SchoolUrn", "OccurredAt", "Month", "Revision", "Incidents", "LookedAfter", "PreviouslyLookedAfter", "Send", "Ehcp",
                "ChildProtectionPlan", "ChildInNeedPlan", "YoungCarer" }.Order());
    }

    [Fact]
    public void an_incident_counts_once_per_context_however_many_of_its_pupils_have_it_and_a_shredded_context_counts_as_none()
    {
        var none = new PupilContext.VulnerabilityFlags(false, false, false, false, false, false, false);
        var contexts = new Dictionary<string, PupilContext.VulnerabilityFlags>
        {
            ["P-1"] = none with { LookedAfter = true, Send = true },
            ["P-2"] = none with { LookedAfter = true },
            ["P-3"] = none with { YoungCarer = true },
        };
        var counted = PupilContext.VulnerabilityCounts.Count(Guid.NewGuid(), "2027-01", 1, Given.Now,
            [["P-1", "P-2"], ["P-3", "P-erased"], ["P-erased"], []], contexts);

        (counted.Incidents, counted.Of("looked-after"), counted.Of("send"), counted.Of("young-carer"), counted.Of("ehcp")).ShouldBe((4, 1, 1, 1, 0));
        var wire = counted.ToWire("141001", Given.Now);
        (wire.LookedAfter, wire.Send, wire.YoungCarer, wire.Ehcp, wire.PreviouslyLookedAfter).ShouldBe((1, 1, 1, 0, 0));
    }

    [Fact]
    public void reads_and_actions_are_not_published() =>
        IncidentIntegrationEvents.Map(new IncidentRecordRead(Guid.NewGuid(), "d", "D", "dsl", Given.Now, null), "141001", Given.Now).ShouldBeNull();
}

public sealed class ChronologyTests
{
    [Fact]
    public void a_pupils_chronology_spans_incidents_in_time_order_without_other_pupils_sanctions()
    {
        var first = Given.Triaged();
        first.Apply(new SanctionApplied(first.Id, Guid.NewGuid(), "d", "D", Given.Now.AddHours(1), "Detention", "P-200", "r"));
        first.Apply(new SupportOffered(first.Id, Guid.NewGuid(), "d", "D", Given.Now.AddHours(2), "Pastoral", "P-100", "r"));
        var second = Given.Reported();

        var chronology = ReadIncidents.PupilChronologyOf("P-100", [first, second]);

        chronology.Incidents.ShouldBe(2);
        chronology.Entries.ShouldBeInOrder(SortDirection.Ascending, Comparer<ChronologyEntry>.Create((a, b) => a.At.CompareTo(b.At)));
        chronology.Entries.ShouldNotContain(e => e.Summary == "Detention");
        chronology.Entries.ShouldContain(e => e.Summary == "Pastoral" && e.PupilRole == "child-victim");
    }
}
