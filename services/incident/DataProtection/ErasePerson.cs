using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
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
/// removed; every field sealed with the key reads as "[erased]" from then on.
/// </summary>
public static class ErasePerson
{
    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/people/{personId}/erase", Handle)
        .RequireAuthorization(DataProtectionSetup.DslOnly)
        .WithName("ErasePerson")
        .WithSummary("Erase a pupil or member of staff by destroying their data key (DSL); refused while their files are under legal hold")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<ErasureRecorded>, ValidationProblem, ProblemHttpResult>> Handle(
        string personId, EraseRequest body, IDocumentSession session, CurrentUser user, TimeProvider clock, Keyring keyring,
        CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return RetentionApi.OnlyDsl();
        var errors = new Dictionary<string, string[]>();
        if (personId.Length > 64) errors["personId"] = ["personId must be at most 64 characters: the internal pupil id or staff id."];
        if (body.Kind is not ("pupil" or "staff")) errors["kind"] = ["kind is required: 'pupil' or 'staff'."];
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            errors["reason"] = ["reason is required (at most 1000 characters): the erasure request and why it is granted."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Nothing was erased", detail: "Fix the fields listed in errors and send the request again.");

        if (body.Kind == "pupil")
        {
            var theirs = await session.Query<OnlineSafetyIncident>().Where(i => i.PupilIds.Contains(personId)).Select(i => i.Id).ToListAsync(ct);
            var held = (await session.LoadManyAsync<RetentionFile>(ct, theirs.Select(RetentionStream.For).ToArray()))
                .Where(f => f.Hold is not null && f.Disposed is null).Select(f => f.IncidentId).ToList();
            if (held.Count > 0)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Under legal hold",
                    detail: $"Incidents {string.Join(", ", held)} involving this pupil are under legal hold; nothing was erased.");
        }

        var subject = body.Kind == "pupil" ? Subjects.Pupil(personId) : Subjects.Staff(personId);
        var now = clock.GetUtcNow();
        var destroyed = await keyring.DestroyAsync(session, subject, ct);
        session.Events.Append(DataProtectionStream.Id, new PersonErased(subject, body.Kind!, user.Id, user.Name, now, body.Reason!.Trim(), destroyed));
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new ErasureRecorded(personId, body.Kind!, now, destroyed));
    }
}
