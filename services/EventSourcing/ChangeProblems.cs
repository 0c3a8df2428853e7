using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

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
