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
        ["filtering-ingest"] =
        [
            "GET /alerts",
            "GET /events",
            "GET /sources/",
            "GET /sources/{id:guid}",
            "GET /sources/{id:guid}/health",
            "GET /unattributed",
            "GET /unattributed/alerts",
            "POST /sources/",
            "POST /sources/{id:guid}/pause",
            "POST /sources/{id:guid}/resume",
            "POST /sources/{id:guid}/revoke",
            "POST /sources/{id:guid}/rotate-secret",
            "POST /sources/{id:guid}/uploads",
            "POST /webhooks/{sourceId:guid}",
            "POST /webhooks/{sourceId:guid}/google",
            "POST /webhooks/{sourceId:guid}/graph",
            "PUT /crosswalks/{vendor}",
        ],
    };
}
