using TrustSafety.Incident.AssigningTasks;
using TrustSafety.Incident.ClosingIncident;
using TrustSafety.Incident.ExportingAuditTrail;
using TrustSafety.Incident.MakingReferrals;
using TrustSafety.Incident.ReadingIncidents;
using TrustSafety.Incident.ReferenceData;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.Incident.RecordingActions;
using TrustSafety.Incident.RecordingEvidence;
using TrustSafety.Incident.ReportingConcern;
using TrustSafety.Incident.TriagingIncident;

namespace TrustSafety.Incident;

public static class IncidentsApi
{
    public static WebApplication MapIncidentsApi(this WebApplication app)
    {
        var group = app.MapGroup("").WithTags("Incidents").ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        ReportConcern.Map(group);
        ReadIncidents.Map(group);
        TriageIncident.Map(group);
        RecordAction.Map(group);
        MakeReferral.Map(group);
        OverdueReferrals.Map(group);
        CloseIncident.Map(group);
        ReferenceEvidence.Map(group);
        RecordImageryViewed.Map(group);
        DelegateImageryViewing.Map(group);
        ExportAuditTrail.Map(group);
        ReferenceDataApi.Map(group);
        RouteRulesApi.Map(group);
        DeclineRouteStep.Map(group);
        CaseFilesApi.Map(group);
        AssignTask.Map(group);
        CorrectingPeople.CorrectPeople.Map(group);
        TaskLists.Map(group);
        return app;
    }
}
