using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RecordingEvidence;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.StoringEvidenceFiles;

/// <summary>What arrived in the upload form, as the pure decider reads it (Bytes null: no file part).</summary>
public sealed record EvidenceFileUpload(string? Description, string? NoNudityConfirmed, string? ContentType, byte[]? Bytes);

/// <summary>
/// Issue 15 point 8: a screenshot kept as evidence where the policies ask for it (Blakehill: screen captures of cyberbullying).
/// Never for nudes/semi-nudes, indecent images or sexual harassment (UKCIS: such imagery is never copied or stored); only
/// after the uploader confirms it shows no nudity; sealed under the incident's key; opened by the DSL alone, every view audited.
/// </summary>
public static class StoreEvidenceFile
{
    public const long MaxBytes = 1024 * 1024 - 16 * 1024;

    /// <summary>Categories whose imagery is never stored: they keep the by-reference rule and its UKCIS refusal.</summary>
    public static readonly IReadOnlySet<string> NeverStored =
        new HashSet<string>(StringComparer.Ordinal) { "nudes-semi-nudes", "indecent-images-of-children", "online-sexual-harassment" };

    public static readonly IReadOnlyList<string> ContentTypes = ["image/png", "image/jpeg", "image/webp"];

    public static bool CategoryAllows(string? category) => category is not null && !NeverStored.Contains(category);

    public static Decision Decide(OnlineSafetyIncident incident, EvidenceFileUpload upload, Actor actor, DateTimeOffset now, Guid fileId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before adding evidence.");
        if (!CategoryAllows(incident.Category))
            return Decision.Conflict("Evidence files are not accepted for this incident", incident.Category is null
                ? "Triage the incident first: whether a screenshot may be kept depends on its category."
                : ReferenceEvidence.UkcisGuidance);
        var errors = new FieldErrors()
            .Required(upload.Description, "description", "what the screenshot shows, without describing any image of a child's body (e.g. \"group chat messages, 3 March\").", 1000)
            .When(upload.NoNudityConfirmed != "true", "noNudityConfirmed",
                "noNudityConfirmed must be \"true\": confirm the screenshot shows no nudity or sexual content. If it might, do not upload it: " +
                "record a reference instead and follow UKCIS.");
        if (upload.Bytes is not { Length: > 0 } bytes) errors.Add("file", "file is required: a PNG, JPEG or WebP screenshot.");
        else
        {
            errors.When(bytes.Length > MaxBytes, "file", $"file must be at most {MaxBytes / 1024} KB.");
            var sniffed = Sniff(bytes);
            errors.When(sniffed is null, "file", $"file is not an image of an accepted type; use one of: {string.Join(", ", ContentTypes)}.")
                .When(sniffed is not null && upload.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true
                    && upload.ContentType != sniffed, "file", $"file says it is {upload.ContentType} but its content is {sniffed}.");
        }
        if (errors.Any) return errors.Reject("The evidence file could not be stored");
        return Decision.Accept(new EvidenceFileStored(incident.Id, fileId, actor.Id, actor.Name, now, upload.Description!.Trim(),
            Sniff(upload.Bytes!)!, upload.Bytes!.Length, Convert.ToHexStringLower(SHA256.HashData(upload.Bytes!)), true));
    }

    /// <summary>The type the bytes are, by their signature (never trusting the declared type).</summary>
    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : b.StartsWith((byte[])[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : b.Length >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8) ? "image/webp"
        : null;

    private static byte[] Aad(string tenant, Guid incidentId, Guid fileId) => Encoding.UTF8.GetBytes($"{tenant}|{incidentId:N}|evidence-file|{fileId:N}");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/evidence-files", Upload)
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithMetadata(new InspectsUploadsMetadata())
            .Accepts<IFormFile>("multipart/form-data")
            .WithName("StoreEvidenceFile")
            .WithSummary("Store a screenshot as evidence (multipart: file, description, noNudityConfirmed=true); not for nudes/semi-nudes, indecent images or sexual harassment (safeguarding team; If-Match required)")
            .ProducesChangeProblems()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();

        group.MapGet("/incidents/{id:guid}/evidence-files/{fileId:guid}", View)
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("ViewEvidenceFile")
            .WithSummary("Open an evidence file (DSL only); every view is recorded in the incident's access log")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
    }

    private static async Task<Results<Ok<ChangeAccepted>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring)
    {
        var ct = http.RequestAborted;
        var actor = Actor.From(user);
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null || !Visibility.CanSee(incident, actor)) return Problems.IncidentNotFound(id);
        if (!Visibility.CanManage(incident, actor)) return Problems.NotYourCase();
        var expected = http.Request.ExpectedVersion();
        if (expected is null) return Versioning.IfMatchRequired();
        if (expected != incident.Version) return Versioning.Stale(incident.Version);

        var contentType = http.Request.ContentType ?? "(none)";
        if (incident.Category is { } category && NeverStored.Contains(category))
        {
            session.Events.Append(AuditStream.For(id), new ImageryUploadRefused(id, actor.Id, actor.Name, clock.GetUtcNow(), category,
                contentType, ReferenceEvidence.UkcisGuidance));
            await session.SaveChangesAsync(ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Imagery is never stored for this incident",
                detail: ReferenceEvidence.UkcisGuidance, extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["auditedAs"] = "imagery upload refused" });
        }
        if (!http.Request.HasFormContentType)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["file"] = ["Send multipart/form-data with the parts file (PNG, JPEG or WebP), description and noNudityConfirmed=true."],
            }, title: "The evidence file could not be stored");

        EvidenceFileUpload upload;
        try
        {
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            byte[]? bytes = null;
            if (file is not null)
            {
                if (file.Length > MaxBytes) bytes = new byte[MaxBytes + 1];
                else
                {
                    using var buffer = new MemoryStream();
                    await file.CopyToAsync(buffer, ct);
                    bytes = buffer.ToArray();
                }
            }
            upload = new(form["description"].FirstOrDefault(), form["noNudityConfirmed"].FirstOrDefault(), file?.ContentType, bytes);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"An evidence file is at most {MaxBytes / 1024} KB.");
        }

        var fileId = Guid.CreateVersion7();
        var decision = Decide(incident, upload, actor, clock.GetUtcNow(), fileId);
        if (decision.Rejection is not null) return decision.Rejection.As<Ok<ChangeAccepted>>();
        var subject = Subjects.Incident(id);
        var keys = await keyring.ForSealingAsync(session.TenantId, [subject], ct);
        session.Store(new EvidenceFileContent
        {
            Id = fileId, IncidentId = id, ContentType = Sniff(upload.Bytes)!,
            Sealed = FieldCipher.Seal(keys[subject], upload.Bytes!, Aad(session.TenantId, id, fileId)),
        });
        return await Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, upload, a, n, fileId), _ => fileId);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> View(
        Guid id, Guid fileId, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring, HttpContext http)
    {
        var ct = http.RequestAborted;
        var actor = Actor.From(user);
        var incident = await session.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null || !Visibility.CanManage(incident, actor)) return Problems.IncidentNotFound(id);
        if (!actor.IsDsl)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the DSL can open evidence files",
                detail: "Screenshots kept as evidence are opened by the designated safeguarding lead alone; ask your school's DSL.");
        var content = incident.EvidenceFiles.Any(f => f.Id == fileId) ? await session.LoadAsync<EvidenceFileContent>(fileId, ct) : null;
        if (content is null || content.IncidentId != id)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Evidence file not found",
                detail: $"Incident {id} has no evidence file {fileId}.");
        var subject = Subjects.Incident(id);
        var key = (await keyring.ForOpeningAsync(session, [subject], ct)).For(subject);
        byte[] bytes;
        try
        {
            bytes = key is null ? throw new CryptographicException("erased") : FieldCipher.Open(key, content.Sealed, Aad(session.TenantId, id, fileId));
        }
        catch (CryptographicException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "The evidence file was erased",
                detail: "The incident's data key was destroyed (disposal or erasure): the file can no longer be opened by anyone.");
        }
        session.Events.Append(AuditStream.For(id), new EvidenceFileViewed(id, fileId, actor.Id, actor.Name, clock.GetUtcNow()));
        await session.SaveChangesAsync(ct);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, content.ContentType);
    }
}
