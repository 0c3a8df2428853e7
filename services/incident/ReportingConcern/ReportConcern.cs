using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.ReportingConcern;

/// <summary>DateOfBirth of a pupil sets the file's retention (date of birth + 25 years, then review).</summary>
public sealed record PersonInput(string? Role, string? PupilId, string? StaffId, string? Name, DateOnly? DateOfBirth = null);

public sealed record LocationInput(string? Site, string? Device, string? Detail);

/// <summary>A concern as any member of staff reports it. Pupils are named by internal pupil id.</summary>
public sealed record ReportConcernRequest(
    DateTimeOffset? HappenedAt, string? WhatHappened, LocationInput? Where, string? HowItCameToLight,
    IReadOnlyList<PersonInput>? People, string? SuggestedCategory = null, string? SuggestedFourC = null);

public sealed record ConcernReportedResponse(Guid Id, long Version);

public static class ReportConcern
{
    public const string Invalid = "The concern could not be recorded";

    public static Decision Decide(Guid id, ReportConcernRequest request, Actor reporter, DateTimeOffset now)
    {
        var errors = new FieldErrors()
            .Required(request.WhatHappened, "whatHappened", "describe what happened, in the reporter's words.")
            .Required(request.HowItCameToLight, "howItCameToLight", "say how it came to light (disclosure, observed, parent, filter alert…).");
        if (request.HappenedAt is null) errors.Add("happenedAt", "happenedAt is required: when it happened (ISO 8601), best estimate if unsure.");
        else errors.When(request.HappenedAt > now.AddMinutes(5), "happenedAt", "happenedAt is in the future; give when it happened.");
        if (request.Where is null) errors.Add("where", "where is required: { site, device }.");
        else errors
            .OneOf(request.Where.Site, ReferenceLists.Sites, "where.site")
            .OneOf(request.Where.Device, ReferenceLists.Devices, "where.device");
        errors.OneOf(request.SuggestedCategory, IncidentCategories.All, "suggestedCategory", required: false)
              .OneOf(request.SuggestedFourC, FourC.All, "suggestedFourC", required: false);
        if (request.People is not { Count: > 0 })
            errors.Add("people", "people is required: at least one person involved, with a role (" +
                ReferenceLists.OneOf(ReferenceLists.PersonRoles) + ").");
        else
            for (var i = 0; i < request.People.Count; i++) ValidatePerson(request.People[i], $"people[{i}]", errors, now);
        if (errors.Any) return errors.Reject(Invalid);

        var people = request.People!.Select(p => new InvolvedPerson(p.Role!, Trim(p.PupilId), Trim(p.StaffId), Trim(p.Name),
            p.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return Decision.Accept(new ConcernReported(
            id, reporter.Id, reporter.Name, now, request.HappenedAt!.Value, request.WhatHappened!.Trim(),
            new IncidentLocation(request.Where!.Site!, request.Where.Device!, Trim(request.Where.Detail)),
            request.HowItCameToLight!.Trim(), people, IncidentSources.Staff, request.SuggestedCategory,
            request.SuggestedFourC, people.Any(p => p.Role == "staff-instigator"), null));
    }

    internal static void ValidatePerson(PersonInput person, string at, FieldErrors errors, DateTimeOffset now)
    {
        errors.When(person.DateOfBirth is { } born && (born > DateOnly.FromDateTime(now.UtcDateTime) || born.Year < 1900),
            $"{at}.dateOfBirth", $"{at}.dateOfBirth must be a real date of birth (yyyy-MM-dd), not in the future.");
        errors.OneOf(person.Role, ReferenceLists.PersonRoles, $"{at}.role");
        if (person.Role is "child-victim" or "child-instigator")
            errors.When(string.IsNullOrWhiteSpace(person.PupilId), $"{at}.pupilId",
                $"{at}.pupilId is required for a child: the school's internal pupil id (not a name).");
        if (person.Role is "staff-victim" or "staff-instigator")
            errors.When(string.IsNullOrWhiteSpace(person.StaffId) && string.IsNullOrWhiteSpace(person.Name), $"{at}.staffId",
                $"{at}.staffId (or name) is required for a member of staff.");
        errors.When(person.PupilId?.Length > 64, $"{at}.pupilId", $"{at}.pupilId must be at most 64 characters.")
              .When(person.Name?.Length > 200, $"{at}.name", $"{at}.name must be at most 200 characters.");
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents", Handle)
        .RequireAuthorization(PlatformPolicies.SchoolStaff)
        .WithName("ReportConcern")
        .WithSummary("Report an online-safety concern (any member of staff)")
        .ProducesValidationProblem();

    private static async Task<Results<Created<ConcernReportedResponse>, Ok<ConcernReportedResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ReportConcernRequest request, IDocumentSession session, CurrentUser user, TimeProvider clock, HttpContext http,
        IncidentPersonalData personalData)
    {
        var idempotencyKey = http.Request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > 200)
            return TypedResults.Problem(statusCode: 400, title: "Idempotency-Key too long",
                detail: "Send at most 200 characters, e.g. a UUID generated once per concern.");
        var id = idempotencyKey.Length > 0 ? IdempotentIds.For(session.TenantId, user.Id, idempotencyKey) : Guid.CreateVersion7();
        var decision = Decide(id, request, Actor.From(user), clock.GetUtcNow());
        if (decision.Rejection is InvalidInput invalid)
            return TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title,
                detail: "Nothing was recorded. Fix the fields listed in errors and send the concern again.");
        var reported = await personalData.SealAsync(session.TenantId, (ConcernReported)decision.Events.Single(), http.RequestAborted);
        session.Events.StartStream<OnlineSafetyIncident>(id, reported);
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
        }
        catch (Exception ex) when (idempotencyKey.Length > 0 && IdempotentIds.IsExistingStream(ex))
        {
            // A retry of a request that was committed (the client never saw the answer): the same concern, not a second.
            http.Response.Headers.Location = $"{http.Request.PathBase}/incidents/{id}";
            return TypedResults.Ok(new ConcernReportedResponse(id, decision.Events.Count));
        }
        http.Response.SetETag(decision.Events.Count);
        return TypedResults.Created($"{http.Request.PathBase}/incidents/{id}", new ConcernReportedResponse(id, decision.Events.Count));
    }
}
