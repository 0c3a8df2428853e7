using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.Retention;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Incident.DataProtection;

/// <summary>The school's data-protection decisions (erasures, subject-access exports), one stream per school.</summary>
public static class DataProtectionStream
{
    public static readonly Guid Id = new(MD5.HashData(Encoding.UTF8.GetBytes("incident-data-protection")));
}

public sealed record PersonErased(string Subject, string Kind, string By, string ByName, DateTimeOffset At, string Reason, bool KeyDestroyed);

public sealed record EraseRequest(string? Kind, string? Reason);

public sealed record ErasureRecorded(string PersonId, string Kind, DateTimeOffset ErasedAt, bool KeyDestroyed);

/// <summary>
/// Erasure by crypto-shredding: the person's data key is destroyed and the fact recorded. No event is changed or
/// removed; the person's own fields (name, date of birth, ids, actions about them) read as "[erased]" from then on, and
/// shared text once nobody else involved remains. Refused while a file of theirs must be kept (legal hold, retention).
/// </summary>
public static class ErasePerson
{
    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/people/{personId}/erase", Handle)
        .RequireAuthorization(DataProtectionSetup.DslOnly)
        .WithName("ErasePerson")
        .WithSummary("Erase a pupil or member of staff by destroying their data key (DSL); refused while any of their files is under legal hold or kept by retention (child-protection file, staff allegation)")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<ErasureRecorded>, ValidationProblem, ProblemHttpResult>> Handle(
        string personId, EraseRequest body, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring,
        IOptions<RetentionOptions> retention, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return RetentionApi.OnlyDsl();
        var errors = new Dictionary<string, string[]>();
        if (personId.Length > 64) errors["personId"] = ["personId must be at most 64 characters: the internal pupil id or staff id."];
        if (body.Kind is not ("pupil" or "staff")) errors["kind"] = ["kind is required: 'pupil' or 'staff'."];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            errors["reason"] = ["reason is required (at most 1000 characters): the erasure request and why it is granted."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Nothing was erased", detail: "Fix the fields listed in errors and send the request again.");

        var subject = body.Kind == "pupil" ? Subjects.Pupil(personId) : Subjects.Staff(personId);
        var now = clock.GetUtcNow();
        var kept = await RecordsToKeepAsync(session, keyring, retention.Value, body.Kind!, personId, now, ct);
        if (kept.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "These records must be kept: nothing was erased",
                detail: $"The {body.Kind} is on records that retention or a legal hold keeps: {string.Join("; ", kept)}. " +
                        "Erase again once the hold is released or the retention date has passed (and the file has been reviewed).",
                extensions: new Dictionary<string, object?> { ["keptBy"] = kept });

        var destroyed = await keyring.DestroyAsync(session, subject, ct);
        session.Events.Append(DataProtectionStream.Id, new PersonErased(subject, body.Kind!, user.Id, user.Name, now, body.Reason!.Trim(), destroyed));
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ErasureRecorded(personId, body.Kind!, now, destroyed));
    }

    /// <summary>Why each of the person's files in this school blocks an erasure (empty: none does).</summary>
    private static async Task<IReadOnlyList<string>> RecordsToKeepAsync(IDocumentSession session, Keyring keyring, RetentionOptions options,
        string kind, string personId, DateTimeOffset now, CancellationToken ct)
    {
        var theirs = kind == "pupil"
            ? await session.Query<OnlineSafetyIncident>().Where(i => i.PupilIds.Contains(personId)).ToListAsync(ct)
            : await session.Query<OnlineSafetyIncident>().Where(i => i.People.Any(p => p.StaffId == personId)).ToListAsync(ct);
        if (theirs.Count == 0) return [];
        var files = (await session.LoadManyAsync<RetentionFile>(ct, theirs.Select(i => RetentionStream.For(i.Id)).ToArray()))
            .ToDictionary(f => f.IncidentId);
        var keys = await keyring.ForOpeningAsync(session,
            theirs.SelectMany(i => IncidentPersonalData.KeySubjects(i)), ct);
        return theirs.OrderBy(i => i.ReportedAt)
            .Select(i => RetentionRules.ErasureBlock(RetentionFacts.Of(i, keys), files.GetValueOrDefault(i.Id), now, options))
            .OfType<string>().ToList();
    }
}
