using Marten;
using TrustSafety.Incident.Agencies;
using TrustSafety.Incident.AssessingRisk;
using TrustSafety.Incident.Containing;
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
    }
}
