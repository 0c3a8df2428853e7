using JasperFx.Events.Projections;
using Marten;
using TrustSafety.Governance.Group;
using TrustSafety.Governance.Incidents;
using TrustSafety.Governance.Policies;
using TrustSafety.Governance.RiskAssessments;
using TrustSafety.Governance.Training;

namespace TrustSafety.Governance;

/// <summary>Stable stored names for every event (a class rename never orphans stored events), the snapshots and documents.</summary>
public static class GovernanceStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Events.MapEventType<TrainingRequirementSet>("training_requirement_set.v1");
        opts.Events.MapEventType<StaffMemberJoined>("staff_member_joined.v1");
        opts.Events.MapEventType<StaffMemberRoleChanged>("staff_member_role_changed.v1");
        opts.Events.MapEventType<StaffMemberLeft>("staff_member_left.v1");
        opts.Events.MapEventType<TrainingCompleted>("training_completed.v1");
        opts.Events.MapEventType<InductionCompleted>("induction_completed.v1");
        opts.Events.MapEventType<TrainingStatusRecorded>("training_status_recorded.v1");
        opts.Events.MapEventType<PolicyRegistered>("policy_registered.v1");
        opts.Events.MapEventType<PolicyVersionApproved>("policy_version_approved.v1");
        opts.Events.MapEventType<PolicyReviewedWithoutChange>("policy_reviewed_without_change.v1");
        opts.Events.MapEventType<PolicyReviewRequested>("policy_review_requested.v1");
        opts.Events.MapEventType<PolicyReviewDueSet>("policy_review_due_set.v1");
        opts.Events.MapEventType<GroupMeetingHeld>("group_meeting_held.v1");
        opts.Events.MapEventType<GroupActionAgreed>("group_action_agreed.v1");
        opts.Events.MapEventType<GroupActionStatusChanged>("group_action_status_changed.v1");
        opts.Events.MapEventType<LessonDiscussed>("lesson_discussed.v1");
        opts.Events.MapEventType<LessonLearntRecorded>("lesson_learnt_recorded.v1");
        opts.Events.MapEventType<TechnologyRiskAssessed>("technology_risk_assessed.v1");
        opts.Events.MapEventType<TechnologyRiskReassessed>("technology_risk_reassessed.v1");
        opts.Projections.Snapshot<TrainingRequirements>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<StaffTraining>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<SchoolPolicy>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<GroupMeeting>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<LessonLearnt>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<TechnologyRiskAssessment>(SnapshotLifecycle.Inline);
        opts.Schema.For<StaffTraining>().Duplicate(p => p.Role);
        opts.Schema.For<ClosedIncident>();
    }
}
