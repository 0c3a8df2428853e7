using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.ServiceDefaults.Http;

/// <summary>Optimistic concurrency over HTTP: the stream version travels as a strong ETag and comes back in If-Match.</summary>
public static class Versioning
{
    public static string ETag(long version) => $"\"{version}\"";

    public static void SetETag(this HttpResponse response, long version) => response.Headers.ETag = ETag(version);

    /// <summary>Parses <c>If-Match: "7"</c>. Null when absent or malformed.</summary>
    public static long? ExpectedVersion(this HttpRequest request)
    {
        var raw = request.Headers.IfMatch.ToString().Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        raw = raw.Trim('"');
        return long.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : null;
    }

    public static ProblemHttpResult IfMatchRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "If-Match header required",
        detail: "Send the ETag you read with GET in an If-Match header, e.g. If-Match: \"3\".");

    public static ProblemHttpResult Stale(long current) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The record changed since you read it",
        detail: $"The current version is {current}. Read it again and retry with If-Match: \"{current}\".",
        extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["currentVersion"] = current });
}
