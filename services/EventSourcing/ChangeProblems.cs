using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.EventSourcing;

/// <summary>Problem details for the write path: each kind of rejection has one status, and the If-Match header is documented.</summary>
public static class ChangeProblems
{
    /// <summary>400 listing every field, 409 with its extensions, or the rejection's own status (403, 404, 422); the title and detail come from the decider.</summary>
    public static Results<ValidationProblem, ProblemHttpResult> From(Rejection rejection) => rejection switch
    {
        InvalidInput invalid => TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title, detail: invalid.Detail),
        NotAllowedNow conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: conflict.Title,
            detail: conflict.Detail, extensions: conflict.Extensions),
        _ => TypedResults.Problem(statusCode: rejection.Status, title: rejection.Title, detail: rejection.Detail),
    };

    /// <summary>
    /// The rejection as the typed answer of an endpoint whose success is <typeparamref name="TSuccess"/> (<c>Ok&lt;T&gt;</c>,
    /// <c>Created&lt;T&gt;</c> …): <c>return rejection.As&lt;Ok&lt;PolicyView&gt;&gt;();</c>.
    /// </summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> As<TSuccess>(this Rejection rejection) where TSuccess : IResult =>
        From(rejection).Result switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException("A rejection is a validation problem or a problem."),
        };

    /// <summary>
    /// Documents what a write on <see cref="Change.Record{TResult}"/> or its siblings can answer besides its own statuses:
    /// 412 when another write lands between the read and the save (no If-Match is asked for, so it is not a 428 either).
    /// </summary>
    public static RouteHandlerBuilder ProducesRecordProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status412PreconditionFailed);

    /// <summary>
    /// Asks for If-Match before the handler runs (428), for an endpoint that parses or looks up anything before its change:
    /// a request without it is a 428 whatever its body holds and whether or not the record exists. The change path asks
    /// again, so an endpoint without this step answers the same once it reaches it.
    /// </summary>
    public static RouteHandlerBuilder RequiresIfMatch(this RouteHandlerBuilder builder) => builder.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.ExpectedVersion() is null ? Versioning.IfMatchRequired() : await next(context));

    /// <summary>What a write on the change path can answer besides its own statuses: 400, 403, 404, 409, 412, 413, 428, and If-Match.</summary>
    public static RouteHandlerBuilder ProducesChangeProblems(this RouteHandlerBuilder builder) => builder
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .AsksForIfMatch();

    /// <summary>
    /// The same for a change with no request body to refuse (a state change such as pausing a source): 403, 404, 409, 412,
    /// 428 and the If-Match header, no 400.
    /// </summary>
    public static RouteHandlerBuilder ProducesIfMatchProblems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired)
        .AsksForIfMatch();

    private static RouteHandlerBuilder AsksForIfMatch(this RouteHandlerBuilder builder) => builder
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

/// <summary>The 404/409/422 answers an endpoint gives before or beside a decision.</summary>
public static class Rejections
{
    /// <summary>404 for a record the caller cannot see; <paramref name="where"/> is where they looked (a trust-wide role sees no one school).</summary>
    public static ProblemHttpResult NotFound(string what, string where = "in your school") => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"No {what.ToLowerInvariant()} with that id exists {where}.");

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult Unprocessable(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail);
}

/// <summary>
/// The change path's answer, <c>Results&lt;TSuccess, ValidationProblem, ProblemHttpResult&gt;</c>, as the wider union an
/// endpoint declares, so its OpenAPI document and JSON stay those of its own answers.
/// </summary>
public static class ChangeAnswers
{
    /// <summary>Adds the endpoint's own answer beside the path's (e.g. its 403 <c>ForbidHttpResult</c>).</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult, TMore> Or<TSuccess, TMore>(
        this Results<TSuccess, ValidationProblem, ProblemHttpResult> answer) where TSuccess : IResult where TMore : IResult =>
        answer.Result switch
        {
            TSuccess success => success,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"The change path answered {other?.GetType().Name}."),
        };

    /// <summary>A success that is itself one of two answers (done now, or accepted for later) flattened into the endpoint's union.</summary>
    public static Results<TDone, TLater, ValidationProblem, ProblemHttpResult> Flattened<TDone, TLater>(
        this Results<Results<TDone, TLater>, ValidationProblem, ProblemHttpResult> answer) where TDone : IResult where TLater : IResult =>
        answer.Result switch
        {
            Results<TDone, TLater> { Result: TDone done } => done,
            Results<TDone, TLater> { Result: TLater later } => later,
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            var other => throw new InvalidOperationException($"The change path answered {other?.GetType().Name}."),
        };
}
