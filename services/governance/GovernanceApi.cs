using TrustSafety.Governance.Group;
using TrustSafety.Governance.Policies;
using TrustSafety.Governance.RiskAssessments;
using TrustSafety.Governance.Training;

namespace TrustSafety.Governance;

public static class GovernanceApi
{
    public static WebApplication MapGovernanceApi(this WebApplication app)
    {
        var api = app.MapGroup("").WithTags("governance").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapTraining();
        api.MapPolicies();
        api.MapGroupMeetings();
        api.MapRiskAssessments();
        return app;
    }
}
