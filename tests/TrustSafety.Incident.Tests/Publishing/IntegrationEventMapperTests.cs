using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Publishing;
using TrustSafety.Incident.PupilContext;
using TrustSafety.Incident.Tests.Fixtures;
using Wire = TrustSafety.Contracts.Incident;

namespace TrustSafety.Incident.Tests.Publishing;

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
            (new ImmediateDangerFlagged(incident.Id, Guid.NewGuid(), "d", "Sam Staff", at, false, "r", false),
                typeof(Wire.ImmediateDangerRaised)),
            (new TaskAssigned(incident.Id, Guid.NewGuid(), "d", "D", at, "staff-1", "Sam Staff", "Call the parents", today), typeof(Wire.TaskAssigned)),
            (new TaskCompleted(incident.Id, Guid.NewGuid(), "staff-1", "Sam Staff", at, "Called them"), typeof(Wire.TaskCompleted)),
            (new VulnerabilityContextCounted(Guid.NewGuid(), "2027-01", 3, at, 10, [2, 0, 4, 1, 0, 1, 0]),
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
    public void reads_and_actions_are_not_published() =>
        IncidentIntegrationEvents.Map(new IncidentRecordRead(Guid.NewGuid(), "d", "D", "dsl", Given.Now, null), "141001", Given.Now).ShouldBeNull();
}
