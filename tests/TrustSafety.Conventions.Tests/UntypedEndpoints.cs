namespace TrustSafety.Conventions.Tests;

/// <summary>
/// The endpoints that still answered with <c>IResult</c> when <see cref="Endpoints"/> began checking typed results (issue 20):
/// debt to work down. Never add to it: a new endpoint returns <c>Results&lt;…&gt;</c>. Mend one, then delete its line (the test
/// says which).
/// </summary>
internal static class UntypedEndpoints
{
    public static readonly IReadOnlyDictionary<string, string[]> All = new Dictionary<string, string[]>
    {
        ["consent"] =
        [
            "DELETE /aups/{audience}/people/{personId}",
            "GET /aups",
            "GET /aups/{audience}",
            "GET /aups/{audience}/signatures/{personId}",
            "GET /aups/{audience}/unsigned",
            "GET /classes/{className}/do-not-photograph",
            "GET /consent-types",
            "GET /consent-types/{code}",
            "GET /consent-types/{code}/opt-outs",
            "GET /coverage",
            "GET /pupils",
            "GET /pupils/{pupilId}",
            "GET /pupils/{pupilId}/consents",
            "GET /pupils/{pupilId}/may-publish",
            "GET /reminders",
            "GET /retention/due",
            "POST /aups/me/signature",
            "POST /aups/{audience}/signatures",
            "POST /consent-requests",
            "POST /consent-types",
            "POST /consent-types/standard",
            "POST /pupils/{pupilId}/consents/{type}/responses",
            "POST /pupils/{pupilId}/consents/{type}/withdrawal",
            "POST /renewal-campaigns",
            "POST /roster",
            "POST /roster/imports",
            "POST /roster/staff-accounts",
            "PUT /aups/{audience}/people/{personId}",
        ],
        ["device-register"] =
        [
            "GET /attribution",
            "GET /aup-signatures/{personId}",
            "GET /coverage",
            "GET /devices/",
            "GET /devices/{id:guid}",
            "GET /devices/{id:guid}/custody",
            "POST /devices/import",
            "POST /devices/{id:guid}/assignment",
            "POST /devices/{id:guid}/custody",
            "POST /devices/{id:guid}/network-identities",
            "POST /devices/{id:guid}/network-identities/{identityId:guid}/end",
            "POST /devices/{id:guid}/return",
        ],
        ["governance"] =
        [
            "GET /group/actions",
            "GET /group/lessons",
            "GET /group/meetings",
            "GET /group/meetings/{meetingId:guid}",
            "GET /policies/",
            "GET /policies/overdue",
            "GET /policies/suggested",
            "GET /policies/{code}",
            "GET /risk-assessments/",
            "GET /risk-assessments/{assessmentId:guid}",
            "GET /training/audit",
            "GET /training/due",
            "GET /training/people",
            "GET /training/people/{personId}",
            "GET /training/requirements",
            "POST /group/lessons",
            "POST /group/meetings",
            "POST /risk-assessments/",
            "POST /training/import",
            "POST /training/sessions",
        ],
        ["incident"] =
        [
            "GET /audit",
        ],
    };
}
