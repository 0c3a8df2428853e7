using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TrustSafety.ServiceDefaults.Errors;

/// <summary>Turns infrastructure failures into problem details a client can act on; never a stack trace.</summary>
public sealed partial class PlatformExceptionHandler(IProblemDetailsService problems, ILogger<PlatformExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = Classify(exception);
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

    private static (int, string, string) Classify(Exception exception) => exception switch
    {
        JasperFx.ConcurrencyException => (StatusCodes.Status412PreconditionFailed, "The record changed since you read it",
            "Someone else changed this record. Read it again (GET) and retry with the new ETag in If-Match."),
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "Request body too large" : "Bad request",
            bad.StatusCode == 413 ? "The request body is over this endpoint's size limit." : bad.Message),
        System.Text.Json.JsonException json => (StatusCodes.Status400BadRequest, "The request body is not valid JSON", json.Message),
        _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Storage is unavailable",
            "Nothing was stored. Retry after the number of seconds in Retry-After."),
        OperationCanceledException => (499, "Request cancelled", "The client went away."),
        _ => (StatusCodes.Status500InternalServerError, "Unexpected error",
            "The request failed and nothing was changed. Quote the traceId when reporting this."),
    };

    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
            if (e is PostgresException pg && (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300"))
                return true;
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Request to {Path} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string path);
}
