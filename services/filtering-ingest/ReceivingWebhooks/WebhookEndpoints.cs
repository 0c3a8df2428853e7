using System.Diagnostics;
using TrustSafety.EventSourcing;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Adapters;

namespace TrustSafety.FilteringIngest.ReceivingWebhooks;

/// <summary>
/// Vendor-facing endpoints: no user token — the signature (or Google token / Graph clientState) is the authentication.
/// Unknown and revoked sources answer 401 exactly like a bad signature, so source ids cannot be probed.
/// </summary>
public static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/webhooks").AllowAnonymous().WithTags("Webhooks").DisableAntiforgery();
        hooks.MapPost("/{sourceId:guid}", ReceiveSigned).WithName("ReceiveSignedWebhook");
        hooks.MapPost("/{sourceId:guid}/google", ReceiveGoogle).WithName("ReceiveGoogleAlertCenterPush");
        hooks.MapPost("/{sourceId:guid}/graph", ReceiveGraph).WithName("ReceiveGraphChangeNotification")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");   // the validation handshake (ContentHttpResult documents nothing)
        return app;
    }

    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> ReceiveSigned(Guid sourceId, HttpContext http, WebhookReceiver receiver, CancellationToken ct)
    {
        if (receiver.RefuseFailingCaller(http) is { } blocked) return blocked;
        if (await receiver.ReadBodyAsync(http, ct) is not { } body) return receiver.TooLarge();
        var source = await receiver.FindAsync(sourceId, ct);
        var headers = http.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var check = StandardWebhookSignature.Verify(id, headers["webhook-timestamp"], headers["webhook-signature"], body.Span,
            source?.ValidSecrets(receiver.Now) ?? [], receiver.Now, receiver.Options.SignatureTolerance);
        if (check != SignatureCheck.Valid) return receiver.Unauthenticated(http, Explain(check, receiver.Options.SignatureTolerance));
        if (WebhookReceiver.RefuseWebhookId(id) is { } badId) return badId;
        if (receiver.Gate(source!, http) is { } refused) return refused;
        return await receiver.IngestAsync(source!, body, "webhook", id, http, ct);
    }

    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> ReceiveGoogle(Guid sourceId, string? token, HttpContext http, WebhookReceiver receiver, CancellationToken ct)
    {
        if (receiver.RefuseFailingCaller(http) is { } blocked) return blocked;
        if (await receiver.ReadBodyAsync(http, ct) is not { } body) return receiver.TooLarge();
        var source = await receiver.FindAsync(sourceId, ct);
        if (source is null || source.Source.Format != GoogleAlertCenterAdapter.FormatName
            || !StandardWebhookSignature.MatchesAny(token, source.ValidSecrets(receiver.Now)))
            return receiver.Unauthenticated(http, "The push subscription's ?token= does not match this source's secret.");
        if (receiver.Gate(source, http) is { } refused) return refused;
        return await receiver.IngestAsync(source, body, "google-push", null, http, ct);
    }

    /// <summary>Also answers Graph's subscription validation: the validationToken echoed as text/plain, 200.</summary>
    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult, ContentHttpResult>> ReceiveGraph(Guid sourceId, string? validationToken, HttpContext http, WebhookReceiver receiver, CancellationToken ct)
    {
        if (receiver.RefuseFailingCaller(http) is { } blocked) return blocked;
        var source = await receiver.FindAsync(sourceId, ct);
        if (source is null || source.Source.Format != GraphSecurityAlertsAdapter.FormatName || source.Source.State == Sources.SourceStates.Revoked)
            return receiver.Unauthenticated(http, "Unknown source.");
        if (validationToken is not null)
            return TypedResults.Text(validationToken.Length > 4096 ? validationToken[..4096] : validationToken, "text/plain", statusCode: 200);
        if (await receiver.ReadBodyAsync(http, ct) is not { } body) return receiver.TooLarge();
        var states = GraphSecurityAlertsAdapter.ClientStates(body.Span);
        var secrets = source.ValidSecrets(receiver.Now).ToList();
        // No notification, or one without the subscription's clientState, is not from our subscription: nothing of it
        // may reach the source's health records.
        if (states.Count == 0 || !states.All(s => StandardWebhookSignature.MatchesAny(s, secrets)))
            return receiver.Unauthenticated(http,
                "Every notification in value[] must carry the clientState set on the subscription (this source's secret).");
        if (receiver.Gate(source, http) is { } refused) return refused;
        return WithHandshake(await receiver.IngestAsync(source, body, "graph", null, http, ct));
    }

    /// <summary>The shared ingest answer as the Graph endpoint's union, which adds the validation handshake's text.</summary>
    private static Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult, ContentHttpResult> WithHandshake(
        Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult> answer) => answer.Or<Accepted<IngestAccepted>, ContentHttpResult>();

    private static string Explain(SignatureCheck check, TimeSpan tolerance) => check switch
    {
        SignatureCheck.MissingHeaders => "Send webhook-id, webhook-timestamp and webhook-signature (Standard Webhooks).",
        SignatureCheck.BadTimestamp => "webhook-timestamp must be Unix seconds.",
        SignatureCheck.StaleOrFutureTimestamp => $"webhook-timestamp is more than {tolerance.TotalMinutes:0} minutes from now; sign with the current time.",
        _ => "No v1 signature matches: sign \"{webhook-id}.{webhook-timestamp}.{body}\" with HMAC-SHA256 keyed by the source's secret.",
    };
}
