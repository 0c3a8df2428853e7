using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Incident.Http;

/// <summary>The accepted change: the incident's new version (also its ETag) and the id of anything it created.</summary>
public sealed record ChangeAccepted(Guid IncidentId, long Version, Guid? CreatedId = null);

/// <summary>The one path every change takes: If-Match, load in the caller's school, decide, seal free text, append, save.</summary>
public static class Changes
{
    public static async Task<Results<Ok<ChangeAccepted>, ValidationProblem, ProblemHttpResult>> Apply(
        HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock, Guid id,
        Func<OnlineSafetyIncident, Actor, DateTimeOffset, Decision> decide, Func<Decision, Guid?>? createdId = null,
        Func<OnlineSafetyIncident, Actor, bool>? mayAct = null)
    {
        var expected = http.Request.ExpectedVersion();
        if (expected is null) return Versioning.IfMatchRequired();

        var actor = Actor.From(user);
        var stream = await session.Events.FetchForWriting<OnlineSafetyIncident>(id, http.RequestAborted);
        // mayAct widens who may change it (a task's assignee completes it without seeing the case).
        var acts = stream.Aggregate is { } loaded && (mayAct?.Invoke(loaded, actor) ?? Visibility.CanManage(loaded, actor));
        if (stream.Aggregate is not { } incident || (!acts && !Visibility.CanSee(incident, actor))) return Problems.IncidentNotFound(id);
        if (!acts) return Problems.NotYourCase();
        if (stream.CurrentVersion != expected) return Versioning.Stale(stream.CurrentVersion ?? 0);

        var decision = decide(incident, actor, clock.GetUtcNow());
        if (decision.Rejection is not null) return Problems.From(decision.Rejection);

        var personalData = http.RequestServices.GetRequiredService<IncidentPersonalData>();
        var events = await personalData.SealCaseWorkAsync(session.TenantId, incident, decision.Events, http.RequestAborted);
        var version = (stream.CurrentVersion ?? 0) + events.Count;
        stream.AppendMany(events);
        await session.SaveChangesAsync(http.RequestAborted);
        http.Response.SetETag(version);
        return TypedResults.Ok(new ChangeAccepted(id, version, createdId?.Invoke(decision)));
    }
}

public static class Problems
{
    public static ProblemHttpResult IncidentNotFound(Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Incident not found",
        detail: $"There is no incident {id} in your school that you can see.");

    public static ProblemHttpResult NotYourCase() => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Only the safeguarding team can change this incident",
        detail: "You can read the concern you reported; the DSL or a deputy records triage, actions and decisions.");

    public static Results<Ok<ChangeAccepted>, ValidationProblem, ProblemHttpResult> From(Rejection rejection) => rejection switch
    {
        InvalidInput invalid => TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title,
            detail: "Nothing was changed. Fix the fields listed in errors and send the request again."),
        NotAllowedNow conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title,
            detail: conflict.Detail, extensions: conflict.Extensions),
        NotPermitted forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: forbidden.Title,
            detail: forbidden.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };

    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = "If-Match",
                In = Microsoft.OpenApi.ParameterLocation.Header,
                Required = true,
                Description = "The ETag from the last read, e.g. \"3\". Stale: 412 with currentVersion; absent: 428.",
                Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });
}
