using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;

namespace TrustSafety.FilteringIngest.ReceivingWebhooks;

public sealed record RejectedRecordView(int Record, string Field, string Reason);

/// <summary>The 202 body: counts, and for each rejected record which one, which field and why.</summary>
public sealed record IngestAccepted(int Accepted, int Duplicate, int Rejected, bool Replayed, IReadOnlyList<RejectedRecordView> Rejections);

public static class IngestResponses
{
    /// <summary>202 with the counts as JSON; no Location header (nothing to poll: the events are stored when it answers).</summary>
    public static Accepted<IngestAccepted> Accepted(IngestOutcome outcome) => TypedResults.Accepted((string?)null,
        new IngestAccepted(outcome.Accepted, outcome.Duplicates, outcome.Rejected, outcome.Replayed,
            outcome.Rejections.Select(r => new RejectedRecordView(r.Record, r.Field, r.Reason)).ToList()));

    /// <summary>400: every problem keyed by record and field, e.g. "records[3].activity.action".</summary>
    public static ValidationProblem Unusable(AdapterOutput parsed)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var all = parsed.BodyError is { } body ? [body] : parsed.Errors;
        foreach (var group in all.Take(200).GroupBy(Key, StringComparer.Ordinal))
            errors[group.Key] = group.Select(e => e.Reason).Distinct(StringComparer.Ordinal).ToArray();
        return TypedResults.ValidationProblem(errors,
            title: "The body holds no usable record",
            detail: parsed.BodyError is not null
                ? "The body could not be read at all. Nothing was stored."
                : $"All {parsed.Errors.Count} record(s) were rejected; nothing was stored. Fix the fields named in errors and resend.");
    }

    private static string Key(RecordError e) =>
        e.Record < 0 ? e.Field : e.Field.StartsWith('[') ? "records" + e.Field : $"records[{e.Record}].{e.Field}";

    public static ProblemHttpResult Problem(int status, string title, string detail, TimeSpan? retryAfter = null, HttpContext? http = null)
    {
        if (retryAfter is { } wait && http is not null)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: status, title: title, detail: detail);
    }
}
