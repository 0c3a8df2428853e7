using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.RotatingSourceSecret;

public sealed record RotateSecret(int? OverlapMinutes);

/// <summary>A new secret for a source, shown once; the old one keeps working for the overlap so the vendor can switch.</summary>
public static class RotateSourceSecret
{
    public static void MapRotateSourceSecret(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/rotate-secret", Rotate).WithName("RotateSourceSecret");

    public static string? Decide(Source source, string encryptedSecret, TimeSpan overlap, DateTimeOffset now, string by)
    {
        if (source.State == SourceStates.Revoked) return "A revoked source has no secrets to rotate; register a new source.";
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(7)) return "overlapMinutes must be between 0 and 10080 (7 days).";
        source.Secrets = source.Secrets
            .Where(s => s.ValidUntil is null || s.ValidUntil > now)
            .Select(s => s.ValidUntil is null ? s with { ValidUntil = now + overlap } : s)
            .Where(s => s.ValidUntil > now)
            .Append(new StoredSecret(encryptedSecret, now, null))
            .ToList();
        source.Touch(now, by);
        return null;
    }

    private static async Task<Results<Ok<SourceWithSecret>, ValidationProblem, ProblemHttpResult>> Rotate(Guid id, RotateSecret? command, [AsParameters] SourcesApi.Ctx c, CancellationToken ct)
    {
        await using var session = c.Session();
        var source = await session.LoadAsync<Source>(id, ct);
        if (source is null || !c.Scope.CanSee(source)) return SourcesApi.NotFound();
        var secret = SecretProtector.NewSecret();
        var overlap = command?.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : c.Options.Value.DefaultRotationOverlap;
        if (Decide(source, c.Protector.Encrypt(secret), overlap, c.Time.GetUtcNow(), c.User.Id) is { } problem)
            return SourcesApi.Refused(problem, "overlapMinutes");
        session.Store(source);
        await session.SaveChangesAsync(ct);
        c.Directory.Invalidate(id);
        return TypedResults.Ok(new SourceWithSecret(SourceView.Of(source), secret));
    }
}
