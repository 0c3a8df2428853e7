using Marten;
using TrustSafety.Incident.Agencies;
using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Containing;
using TrustSafety.Incident.LinkingCases;
using TrustSafety.Incident.PupilContext;
using TrustSafety.Incident.StoringEvidenceFiles;

namespace TrustSafety.Incident;

/// <summary>Stored names and documents of issue 15's case files (called from IncidentStore.Configure).</summary>
public static class CaseFilesStore
{
    public static void Configure(StoreOptions opts)
    {
        var events = opts.Events;
        events.MapEventType<RiskAssessmentRecorded>("risk_assessment_recorded.v1");
        events.MapEventType<ImmediateDangerFlagged>("immediate_danger_flagged.v1");
        events.MapEventType<ContainmentRecorded>("containment_recorded.v1");
        events.MapEventType<CopiesNotNeededConfirmed>("copies_not_needed_confirmed.v1");
        events.MapEventType<EvidenceFileStored>("evidence_file_stored.v1");
        events.MapEventType<EvidenceFileViewed>("evidence_file_viewed.v1");
        opts.Schema.For<EvidenceFileContent>();
        opts.Schema.For<AgencyContact>().UseOptimisticConcurrency(true);
        events.MapEventType<CaseLinkRequested>("case_link_requested.v1");
        events.MapEventType<CaseLinkAccepted>("case_link_accepted.v1");
        events.MapEventType<CaseLinkDeclined>("case_link_declined.v1");
        events.MapEventType<LinkedCaseRead>("linked_case_read.v1");
        events.MapEventType<PupilContextRecorded>("pupil_context_recorded.v1");
        opts.Projections.Snapshot<PupilContextFile>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        events.MapEventType<VulnerabilityContextCounted>("vulnerability_context_counted.v1");
        opts.Projections.Snapshot<VulnerabilityCount>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<CaseLink>(JasperFx.Events.Projections.SnapshotLifecycle.Inline);
        opts.Schema.For<CaseLink>().Index(l => l.FromSchool).Index(l => l.ToSchool).Index(l => l.FromIncidentId);
    }
}

/// <summary>Issue 15's use cases: assessments and urgency, agencies, containment, evidence files.</summary>
public static class CaseFilesApi
{
    public static void Map(RouteGroupBuilder group)
    {
        AssessRisk.Map(group);
        AgenciesApi.Map(group);
        Contain.Map(group);
        StoreEvidenceFile.Map(group);
        CaseLinksApi.Map(group);
        PupilContextApi.Map(group);
    }
}
