using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace TrustSafety.ServiceDefaults.Errors;

/// <summary>Turns infrastructure failures into problem details a client can act on; never a stack trace.</summary>
public sealed partial class PlatformExceptionHandler(
    IProblemDetailsService problems, IEnumerable<IExceptionClassifier> classifiers, ILogger<PlatformExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = classifiers.Select(c => c.Classify(exception)).FirstOrDefault(p => p is not null) ?? Classify(exception);
        if (status >= 500) LogFailure(logger, exception, http.Request.Path);
        if (status == StatusCodes.Status503ServiceUnavailable) http.Response.Headers.RetryAfter = "5";
        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    private static ExceptionProblem Classify(Exception exception) => exception switch
    {
        BadHttpRequestException bad => new(bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request",
            bad.StatusCode == 413 ? "The request body is over this endpoint's size limit." : bad.Message),
        System.Text.Json.JsonException json => new(StatusCodes.Status400BadRequest, "The request body is not valid JSON", json.Message),
        OperationCanceledException => new(499, "Request cancelled", "The client went away."),
        _ => new(StatusCodes.Status500InternalServerError, "Unexpected error",
            "The request failed and nothing was changed. Quote the traceId when reporting this."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}
