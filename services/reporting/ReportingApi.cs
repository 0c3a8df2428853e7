using TrustSafety.Reporting.GrantingDrillDown;
using TrustSafety.Reporting.ListingSchoolIncidents;
using TrustSafety.Reporting.PrintingGovernorPack;
using TrustSafety.Reporting.RecordingFilteringStandards;
using TrustSafety.Reporting.RequestingUnblock;
using TrustSafety.Reporting.RevokingGrants;
using TrustSafety.Reporting.ViewingItCoverage;
using TrustSafety.Reporting.ViewingPackExports;
using TrustSafety.Reporting.ViewingSchoolSummary;
using TrustSafety.Reporting.ViewingTrainingCompliance;
using TrustSafety.Reporting.ViewingTrustStandards;
using TrustSafety.Reporting.ViewingTrustSummary;
using TrustSafety.Reporting.ViewingVulnerableLearners;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting;

/// <summary>Every use case's endpoints, in the order the OpenAPI document lists them (web/openapi/reporting.json).</summary>
public static class ReportingApi
{
    public static WebApplication MapReportingApi(this WebApplication app)
    {
        app.MapGroup("/trust").WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead)
            .MapTrustSummary()
            .MapTrainingCompliance()
            .MapVulnerableLearners();
        app.MapGroup("/school").WithTags("school").RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .MapSchoolSummary()
            .MapSchoolIncidents();
        app.MapGrants();
        app.MapRevokeGrant();
        app.MapDrillDown();
        app.MapStandards();
        app.MapUnblockRequests();
        app.MapTrustStandards();
        app.MapPacks();
        app.MapPackExports();
        app.MapItCoverage();
        return app;
    }
}
