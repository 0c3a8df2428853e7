using TrustSafety.Reporting.Governance;
using TrustSafety.Reporting.Grants;
using TrustSafety.Reporting.ItCoverage;
using TrustSafety.Reporting.Packs;
using TrustSafety.Reporting.SchoolSummary;
using TrustSafety.Reporting.Standards;
using TrustSafety.Reporting.TrustSummary;
using TrustSafety.Reporting.VulnerableLearners;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting;

public static class ReportingApi
{
    public static WebApplication MapReportingApi(this WebApplication app)
    {
        app.MapGroup("/trust").WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead)
            .MapTrustSummary()
            .MapTrainingCompliance()
            .MapVulnerableLearners();
        app.MapGroup("/school").WithTags("school").RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .MapSchoolSummary();
        app.MapGrants();
        app.MapStandards();
        app.MapPacks();
        app.MapItCoverage();
        return app;
    }
}
