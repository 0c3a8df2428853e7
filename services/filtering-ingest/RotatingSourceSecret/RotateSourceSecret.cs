using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.RotatingSourceSecret;

public sealed record RotateSecret(int? OverlapMinutes);

/// <summary>A new secret for a source, shown once; the old one keeps working for the overlap so the vendor can switch.</summary>
public static class RotateSourceSecret
{
    public static void MapRotateSourceSecret(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/rotate-secret", Rotate).WithName("RotateSourceSecret").RequiresIfMatch()
            .ProducesChangeProblems();

    public static string? Decide(Source source, string encryptedSecret, TimeSpan overlap, DateTimeOffset now, string by)
    {
        if (source.State == SourceStates.Revoked) return "A revoked source has no secrets to rotate; register a new source.";
        if (!Allowed(overlap)) return OverlapRule;
        source.Secrets = source.Secrets
            .Where(s => s.ValidUntil is null || s.ValidUntil > now)
            .Select(s => s.ValidUntil is null ? s with { ValidUntil = now + overlap } : s)
            .Where(s => s.ValidUntil > now)
            .Append(new StoredSecret(encryptedSecret, now, null))
            .ToList();
        source.Touch(now, by);
        return null;
    }

    /// <summary>The overlap asked for, or the trust's default; a 400 naming overlapMinutes before the source is read.</summary>
    public static (TimeSpan Overlap, ValidationProblem? Problem) Parse(RotateSecret? command, TimeSpan defaultOverlap)
    {
        var overlap = command?.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaultOverlap;
        return Allowed(overlap) ? (overlap, null) : (overlap, SourcesApi.Refused(OverlapRule, "overlapMinutes"));
    }

    private const string OverlapRule = "overlapMinutes must be between 0 and 10080 (7 days).";

    private static bool Allowed(TimeSpan overlap) => overlap >= TimeSpan.Zero && overlap <= TimeSpan.FromDays(7);

    private static Task<Results<Ok<SourceWithSecret>, ValidationProblem, ProblemHttpResult>> Rotate(Guid id, RotateSecret? command,
        HttpContext http, [AsParameters] SourcesApi.Ctx c)
    {
        var (overlap, problem) = Parse(command, c.Options.Value.DefaultRotationOverlap);
        var secret = SecretProtector.NewSecret(); // shown once, in this answer; only its encryption is stored
        var encrypted = c.Protector.Encrypt(secret);
        return SourcesApi.Change(id, http, c, (draft, now, by) => Decide(draft, encrypted, overlap, now, by),
            source => new SourceWithSecret(SourceView.Of(source), secret), () => problem);
    }
}
