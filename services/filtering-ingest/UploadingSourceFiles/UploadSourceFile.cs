using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.ReceivingWebhooks;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.UploadingSourceFiles;

/// <summary>An IT admin uploads a vendor export (CSV or lines) for a source; same parsing and storage as the webhooks.</summary>
public static class UploadSourceFile
{
    public static void MapUploadSourceFile(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/uploads", Upload).WithName("UploadSourceFile").DisableAntiforgery();

    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> Upload(Guid id, HttpContext http, WebhookReceiver receiver, [AsParameters] SourcesApi.Ctx c, CancellationToken ct)
    {
        var source = await SourcesApi.Load(id, c, ct);
        if (source is null) return SourcesApi.NotFound();
        if (await receiver.ReadBodyAsync(http, ct) is not { } body) return receiver.TooLarge();
        var active = await c.Directory.FindAsync(id, ct);
        if (active is null || active.Source.State == SourceStates.Revoked)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Source revoked", detail: "A revoked source accepts no uploads.");
        if (receiver.Gate(active, http) is { } refused) return refused;
        return await receiver.IngestAsync(active, body, "upload", null, http, ct);
    }
}
