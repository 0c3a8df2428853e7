using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Hosting;

[Collection(IncidentApiCollection.Name)]
public sealed class OpenApiDocumentTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task the_openapi_document_names_every_operation_for_client_generation()
    {
        using var anonymous = fixture.Host.CreateClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString())).ToList();
        operations.ShouldBe([
            "ReportConcern", "ListIncidents", "GetIncident", "GetIncidentAccessLog", "GetPupilChronology", "TriageIncident",
            "RecordParentsInformed", "RecordParentsNotInformed", "RecordSanction", "RecordSupport", "RecordDeviceSecured",
            "MakeReferral", "RecordReferralOutcome", "ListOverdueReferrals", "CloseIncident", "ReopenIncident",
            "ReferenceEvidence", "RecordImageryViewed", "DelegateImageryViewing", "RevokeImageryViewingDelegation", "ExportAuditTrail",
            "RunRetentionReview", "GetIncidentRetention", "PlaceLegalHold", "ReleaseLegalHold", "DisposeIncident", "ErasePerson", "PreviewErasure", "ListScheduledErasures",
            "ExportPupilSubjectAccess", "RecordHeadteacherInformed", "RecordAdviceSought", "GetCategoryList", "GetRouteRules",
            "ListRouteRulesVersions", "GetRouteRulesVersion", "PublishRouteRules", "DeclineRouteStep",
            "RecordRiskAssessment", "FlagImmediateDanger", "ListAgencies", "SetAgencyContact", "ResetAgencyContact",
            "RecordCopiesNotNeeded", "RecordContainment", "StoreEvidenceFile", "ViewEvidenceFile", "RequestCaseLink", "ListCaseLinks",
            "GetCaseLink", "AcceptCaseLink", "DeclineCaseLink", "CountCaseLinks", "GetPupilContext", "SetPupilContext",
            "AssignTask", "CompleteTask", "ListMyTasks", "ListOpenTasks", "CorrectPeopleInvolved",
        ], ignoreOrder: true);
        document.GetProperty("paths").GetProperty("/incidents/{id}/close").GetProperty("post").GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).ShouldContain("412");
        document.GetProperty("paths").GetProperty("/incidents/{id}/triage").GetProperty("post").GetProperty("parameters")
            .EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == "If-Match" && p.GetProperty("in").GetString() == "header");
        // A removal on the document path has no body to refuse: it documents what it can answer, and no 400.
        document.GetProperty("paths").GetProperty("/agencies/{code}").GetProperty("delete").GetProperty("responses")
            .EnumerateObject().Select(r => r.Name).ShouldBe(["204", "401", "403", "404", "412", "428"], ignoreOrder: true);
        document.GetProperty("paths").GetProperty("/incidents").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["status", "category", "severity", "from", "to", "page", "pageSize", "sort", "source", "pupilId"]);
    }
}
