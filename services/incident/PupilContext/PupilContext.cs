using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Incident.PupilContext;

/// <summary>What makes a pupil more vulnerable (KCSIE Part 2): each answered yes or no by the DSL.</summary>
public sealed record VulnerabilityFlags(
    bool LookedAfter, bool PreviouslyLookedAfter, bool Send, bool Ehcp, bool ChildProtectionPlan, bool ChildInNeedPlan, bool YoungCarer);

public sealed record PupilContextRequest(
    bool? LookedAfter, bool? PreviouslyLookedAfter, bool? Send, bool? Ehcp, bool? ChildProtectionPlan, bool? ChildInNeedPlan, bool? YoungCarer,
    string? Note);

/// <summary>
/// The DSL's record of a pupil's vulnerability context. The whole record (flags and note) is sealed under the pupil's own key
/// in a single value, so erasing the pupil shreds it and the database never shows which pupil is looked after.
/// </summary>
public sealed record PupilContextRecorded(Guid ContextId, string PupilId, string By, string ByName, DateTimeOffset At, string Sealed);

/// <summary>The stream's state (inline snapshot in the school's tenant).</summary>
public sealed class PupilContextFile
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string PupilId { get; set; } = "";
    public string Sealed { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public static PupilContextFile Create(PupilContextRecorded e) => new() { Id = e.ContextId, PupilId = e.PupilId, Sealed = e.Sealed,
        UpdatedByName = e.ByName, UpdatedAt = e.At };

    public void Apply(PupilContextRecorded e)
    {
        Sealed = e.Sealed;
        UpdatedByName = e.ByName;
        UpdatedAt = e.At;
    }
}

public sealed record PupilContextView(string PupilId, long Version, VulnerabilityFlags? Flags, string? Note, string? UpdatedByName,
    DateTimeOffset? UpdatedAt, bool Erased);

internal sealed record SealedContext(VulnerabilityFlags Flags, string? Note);

/// <summary>Issue 15 point 5: vulnerable-learner context on the pupil, the DSL's alone (read and write), sealed.</summary>
public static class PupilContextApi
{
    public static Guid StreamOf(string pupilId) => new(MD5.HashData(Encoding.UTF8.GetBytes($"pupil-context:{pupilId}")));

    public static FieldErrors Validate(PupilContextRequest r)
    {
        var errors = new FieldErrors();
        foreach (var (value, field) in new[]
                 {
                     (r.LookedAfter, "lookedAfter"), (r.PreviouslyLookedAfter, "previouslyLookedAfter"), (r.Send, "send"), (r.Ehcp, "ehcp"),
                     (r.ChildProtectionPlan, "childProtectionPlan"), (r.ChildInNeedPlan, "childInNeedPlan"), (r.YoungCarer, "youngCarer"),
                 })
            errors.When(value is null, field, $"{field} is required: true or false (every question is answered, so \"no\" is on record too).");
        errors.When(r.Ehcp == true && r.Send == false, "ehcp", "a pupil with an EHCP has SEND: set send to true.")
            .When(r.Note?.Length > 2000, "note", "note must be at most 2000 characters.");
        return errors;
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/pupils/{pupilId}/context", Get)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("GetPupilContext")
            .WithSummary("A pupil's vulnerability context: looked after, SEND, EHCP, CP / CIN plan, young carer (DSL only; ETag)");

        group.MapPut("/pupils/{pupilId}/context", Put)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("SetPupilContext")
            .WithSummary("Record a pupil's vulnerability context, sealed under the pupil's key (DSL only; If-Match: the version, \"0\" for none)")
            .RequiresIfMatch() // a request without If-Match is a 428 whatever its body holds
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<PupilContextView>, ValidationProblem>> Get(string pupilId, HttpContext http, IQuerySession session,
        Keyring keyring)
    {
        if (pupilId.Length > 64) return TooLong();
        var file = await session.LoadAsync<PupilContextFile>(StreamOf(pupilId), http.RequestAborted);
        http.Response.SetETag(file?.Version ?? 0);
        if (file is null) return TypedResults.Ok(new PupilContextView(pupilId, 0, null, null, null, null, false));
        var subject = Subjects.Pupil(pupilId);
        var key = (await keyring.ForOpeningAsync(session, [subject], http.RequestAborted)).For(subject);
        var json = FieldCipher.Open(file.Sealed, [key], Context(pupilId));
        if (json == FieldCipher.Erased) return TypedResults.Ok(new PupilContextView(pupilId, file.Version, null, null, file.UpdatedByName, file.UpdatedAt, true));
        var opened = JsonSerializer.Deserialize<SealedContext>(json, JsonSerializerOptions.Web)!;
        return TypedResults.Ok(new PupilContextView(pupilId, file.Version, opened.Flags, opened.Note, file.UpdatedByName, file.UpdatedAt, false));
    }

    /// <summary>
    /// The DSL's answers as one record of the pupil's context. The decided event carries them in plain JSON; the change path
    /// seals them under the pupil's key before the save (<see cref="SealAsync"/>), so the plain form is never stored.
    /// </summary>
    public static Decision Decide(string pupilId, VulnerabilityFlags flags, string? note, Actor actor, DateTimeOffset now) =>
        Decision.Accept(new PupilContextRecorded(StreamOf(pupilId), pupilId, actor.Id, actor.Name, now,
            JsonSerializer.Serialize(new SealedContext(flags, note), JsonSerializerOptions.Web)));

    private static async Task<Results<Ok<PupilContextView>, ValidationProblem, ProblemHttpResult>> Put(string pupilId, PupilContextRequest request,
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring, IDocumentStore store)
    {
        if (pupilId.Length > 64) return TooLong();
        var errors = Validate(request);
        if (errors.Any) return errors.Problem("The pupil's context could not be recorded");
        var flags = new VulnerabilityFlags(request.LookedAfter!.Value, request.PreviouslyLookedAfter!.Value, request.Send!.Value, request.Ehcp!.Value,
            request.ChildProtectionPlan!.Value, request.ChildInNeedPlan!.Value, request.YoungCarer!.Value);
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        return await Change.ApplyOrStart<PupilContextFile, PupilContextView>(http, session, user, clock, StreamOf(pupilId),
            (_, actor, now) => Decide(pupilId, flags, note, actor, now),
            async applied =>
            {
                // The school's counts follow the DSL's change as it is saved, not at the next incident.
                await VulnerabilityCounts.RecountPupilAsync(store, keyring, clock, session.TenantId, pupilId, http.RequestAborted);
                var recorded = applied.Decision.Events.OfType<PupilContextRecorded>().Single();
                return new PupilContextView(pupilId, applied.Version, flags, note, recorded.ByName, recorded.At, false);
            },
            new ChangeRules<PupilContextFile> { BeforeSave = (context, _, events) => SealAsync(keyring, session.TenantId, pupilId, events, context.RequestAborted) });
    }

    private static async Task<IReadOnlyList<object>> SealAsync(
        Keyring keyring, string tenant, string pupilId, IReadOnlyList<object> events, CancellationToken ct)
    {
        var subject = Subjects.Pupil(pupilId);
        var key = (await keyring.ForSealingAsync(tenant, [subject], ct))[subject];
        return [.. events.Select(e => e is PupilContextRecorded recorded
            ? recorded with { Sealed = FieldCipher.Seal(recorded.Sealed, [key], Context(pupilId)) } : e)];
    }

    internal static string Context(string pupilId) => $"pupil-context/{pupilId}";

    private static ValidationProblem TooLong() =>
        new FieldErrors().Add("pupilId", "pupilId must be at most 64 characters.").Problem("The pupil's context could not be recorded");
}
