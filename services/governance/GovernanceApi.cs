using TrustSafety.Governance.AssessingTechnology;
using TrustSafety.Governance.AuditingTraining;
using TrustSafety.Governance.HoldingGroupMeetings;
using TrustSafety.Governance.ImportingTraining;
using TrustSafety.Governance.KeepingTheActionPlan;
using TrustSafety.Governance.LearningLessons;
using TrustSafety.Governance.Policies;
using TrustSafety.Governance.RecordingTraining;
using TrustSafety.Governance.RecordingTrainingSessions;
using TrustSafety.Governance.RegisteringPolicies;
using TrustSafety.Governance.ReviewingPolicies;
using TrustSafety.Governance.SettingTrainingRequirements;
using TrustSafety.Governance.Training;

namespace TrustSafety.Governance;

/// <summary>Every route of the service, one use case at a time, in the order the OpenAPI document lists them.</summary>
public static class GovernanceApi
{
    public static WebApplication MapGovernanceApi(this WebApplication app)
    {
        var api = app.MapGroup("").WithTags("governance").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var training = api.MapGroup("/training").WithTags("training");
        training.MapTrainingQueries();
        training.MapAddTrainingPerson();
        training.MapRecordTrainingCompletion();
        training.MapRecordInduction();
        training.MapRecordLeaving();
        training.MapRecordTrainingSession();
        training.MapListTrainingDue();
        training.MapGetTrainingAudit();
        training.MapSetTrainingRequirements();
        training.MapImportTraining();

        var policies = api.MapGroup("/policies").WithTags("policies");
        policies.MapPolicyQueries();
        policies.MapRegisterPolicy();
        policies.MapApprovePolicyVersion();
        policies.MapRecordPolicyReview();
        policies.MapRequestPolicyReview();

        var group = api.MapGroup("/group").WithTags("online-safety group");
        group.MapHoldGroupMeeting();
        group.MapAgreeGroupAction();
        group.MapChangeGroupActionStatus();
        group.MapGroupActionPlan();
        group.MapLearnLesson();

        var risks = api.MapGroup("/risk-assessments").WithTags("technology risk assessments");
        risks.MapAssessTechnology();
        risks.MapReviewTechnologyRiskAssessment();
        return app;
    }
}
