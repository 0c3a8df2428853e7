using JasperFx.Events.Projections;
using Marten;
using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident;

/// <summary>Stable stored names for every event: a class rename never orphans stored events.</summary>
public static class IncidentStore
{
    public static void Configure(StoreOptions opts)
    {
        var events = opts.Events;
        events.MapEventType<ConcernReported>("concern_reported.v1");
        events.MapEventType<IncidentTriaged>("incident_triaged.v1");
        events.MapEventType<ParentsInformed>("parents_informed.v1");
        events.MapEventType<ParentsNotInformed>("parents_not_informed.v1");
        events.MapEventType<SanctionApplied>("sanction_applied.v1");
        events.MapEventType<SupportOffered>("support_offered.v1");
        events.MapEventType<DeviceSecured>("device_secured.v1");
        events.MapEventType<ReferralMade>("referral_made.v1");
        events.MapEventType<ReferralOutcomeRecorded>("referral_outcome_recorded.v1");
        events.MapEventType<EvidenceReferenced>("evidence_referenced.v1");
        events.MapEventType<ImageryViewed>("imagery_viewed.v1");
        events.MapEventType<ImageryViewingDelegated>("imagery_viewing_delegated.v1");
        events.MapEventType<ImageryViewingDelegationRevoked>("imagery_viewing_delegation_revoked.v1");
        events.MapEventType<IncidentClosed>("incident_closed.v1");
        events.MapEventType<IncidentReopened>("incident_reopened.v1");
        events.MapEventType<DeviceCustodyLinked>("device_custody_linked.v1");
        events.MapEventType<IncidentRecordRead>("incident_record_read.v1");
        events.MapEventType<ImageryUploadRefused>("imagery_upload_refused.v1");
        events.MapEventType<EvidenceUploadRefused>("evidence_upload_refused.v1");
        events.MapEventType<HeadteacherInformed>("headteacher_informed.v1");
        events.MapEventType<AdviceSought>("advice_sought.v1");
        events.MapEventType<RouteStepDeclined>("route_step_declined.v1");
        events.MapEventType<ExportingAuditTrail.AuditTrailExported>("audit_trail_exported.v1");
        CaseFilesStore.Configure(opts);
        events.MapEventType<TaskAssigned>("task_assigned.v1");
        events.MapEventType<TaskCompleted>("task_completed.v1");
        events.MapEventType<InvolvedPeopleCorrected>("involved_people_corrected.v1");
        events.MapEventType<CaseWorkResealed>("case_work_resealed.v1");
        opts.Projections.Snapshot<OnlineSafetyIncident>(SnapshotLifecycle.Inline);
        opts.Schema.For<RoutingIncidents.RouteRuleSet>();
        opts.Schema.For<KnowingTheRoster.AccountOwner>();
        opts.Schema.For<KnowingTheRoster.RosterPerson>();
        opts.Schema.For<KnowingTheRoster.PupilBirthDate>();
        opts.Schema.For<KnowingTheRoster.DeviceAssignee>();
        opts.Schema.For<OnlineSafetyIncident>()
            .Index(i => i.ReportedAt)
            .Index(i => i.ReportedBy)
            .Index(i => i.OpenReferrals)
            .Index(i => i.OpenTasks);
    }
}
