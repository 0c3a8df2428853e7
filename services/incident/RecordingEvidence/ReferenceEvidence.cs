using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RecordingEvidence;

/// <summary>Evidence by reference only: where it is held, never the thing itself.</summary>
public sealed record ReferenceEvidenceRequest(
    string? Description, string? VendorCaptureUri, string? Sha256, string? DeviceHolder, string? SealedLocation);

public static class ReferenceEvidence
{
    public const string UkcisGuidance =
        "UKCIS, 'Sharing nudes and semi-nudes: advice for education settings working with children and young people' " +
        "(2020, updated 2024): staff must never view, copy, print, share, store or save such imagery. " +
        "Record a reference instead: the vendor capture URI, its sha256, who holds the device and where it is sealed.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static Decision Decide(OnlineSafetyIncident incident, ReferenceEvidenceRequest request, Actor actor, DateTimeOffset now, Guid evidenceId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before adding evidence.");
        var errors = new FieldErrors().Required(request.Description, "description", "what the evidence is (e.g. \"screenshot of chat, captured by monitoring\").", 1000);
        if (new[] { request.VendorCaptureUri, request.Sha256, request.DeviceHolder, request.SealedLocation }.All(string.IsNullOrWhiteSpace))
            errors.Add("vendorCaptureUri", "Give at least one reference: vendorCaptureUri, sha256, deviceHolder or sealedLocation.");
        if (request.VendorCaptureUri is { } uri)
            errors.When(!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"),
                "vendorCaptureUri", "vendorCaptureUri must be an absolute http(s) URI of the vendor's capture.");
        if (request.Sha256 is { } sha)
            errors.When(sha.Length != 64 || !sha.All(char.IsAsciiHexDigit), "sha256", "sha256 must be 64 hexadecimal characters.");
        errors.When(request.DeviceHolder?.Length > 200, "deviceHolder", "deviceHolder must be at most 200 characters.")
              .When(request.SealedLocation?.Length > 200, "sealedLocation", "sealedLocation must be at most 200 characters.");
        if (errors.Any) return errors.Reject("The evidence reference could not be recorded");
        return Decision.Accept(new EvidenceReferenced(incident.Id, evidenceId, actor.Id, actor.Name, now, request.Description!.Trim(),
            request.VendorCaptureUri, request.Sha256?.ToLowerInvariant(), request.DeviceHolder?.Trim(), request.SealedLocation?.Trim()));
    }

    /// <summary>The audit fact and the answer for an upload attempt; imagery categories cite UKCIS.</summary>
    public static (object AuditFact, int Status, string Title, string Detail) RefuseUpload(
        OnlineSafetyIncident incident, Actor actor, DateTimeOffset now, string contentType)
    {
        if (incident.InvolvesImageryNeverStored)
            return (new ImageryUploadRefused(incident.Id, actor.Id, actor.Name, now, incident.Category!, contentType, UkcisGuidance),
                StatusCodes.Status422UnprocessableEntity, "Imagery is never stored for this incident", UkcisGuidance);
        const string byReference = "Evidence is recorded by reference only: send JSON with description and vendorCaptureUri, sha256, deviceHolder or sealedLocation.";
        return (new EvidenceUploadRefused(incident.Id, actor.Id, actor.Name, now, contentType, byReference),
            UploadInspection.IsJson(contentType) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status415UnsupportedMediaType,
            "Evidence uploads are not accepted", byReference);
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/evidence", Handle)
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithMetadata(new InspectsUploadsMetadata())
        // "*/*" keeps the framework from answering 415 itself: uploads must reach the handler to be refused and audited.
        .Accepts<ReferenceEvidenceRequest>("application/json", "*/*")
        .WithName("ReferenceEvidence")
        .WithSummary("Record a reference to evidence; uploads are refused and audited (safeguarding team; If-Match required)")
        .ProducesChangeProblems()
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Ok<ChangeAccepted>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var actor = Actor.From(user);
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, http.RequestAborted);
        if (incident is null || !Visibility.CanSee(incident, actor)) return Problems.IncidentNotFound(id);
        if (!Visibility.CanManage(incident, actor)) return Problems.NotYourCase();

        var contentType = http.Request.ContentType ?? "(none)";
        JsonElement? body = null;
        if (!UploadInspection.IsUploadByEnvelope(http.Request.ContentType, http.Request.ContentLength, RequestBodyLimit.MaxBytes))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(new LimitedStream(http.Request.Body, RequestBodyLimit.MaxBytes,
                    () => new InvalidDataException("Body over the reference size limit.")), cancellationToken: http.RequestAborted);
                body = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                return BadBody($"The body is not valid JSON: {ex.Message}");
            }
            catch (InvalidDataException)
            {
                body = null;
            }
        }

        if (body is null || UploadInspection.CarriesBytes(body.Value))
        {
            var (fact, status, title, detail) = RefuseUpload(incident, actor, clock.GetUtcNow(), contentType);
            session.Events.Append(AuditStream.For(id), fact);
            await session.SaveChangesAsync(http.RequestAborted);
            return TypedResults.Problem(statusCode: status, title: title, detail: detail,
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["auditedAs"] = fact is ImageryUploadRefused ? "imagery upload refused" : "evidence upload refused" });
        }

        ReferenceEvidenceRequest request;
        try
        {
            request = body.Value.Deserialize<ReferenceEvidenceRequest>(Json) ?? new(null, null, null, null, null);
        }
        catch (JsonException ex)
        {
            return BadBody(ex.Message);
        }
        var evidenceId = Guid.CreateVersion7();
        return await Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n, evidenceId), _ => evidenceId);
    }

    private static ValidationProblem BadBody(string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]>(StringComparer.Ordinal) { ["body"] = [message + " Send { description, vendorCaptureUri, sha256, deviceHolder, sealedLocation }."] },
        title: "The evidence reference could not be read");
}
