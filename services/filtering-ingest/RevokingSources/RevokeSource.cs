using TrustSafety.EventSourcing;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.RevokingSources;

/// <summary>An IT admin revokes a source for good: its secrets are dropped and its allowed senders are free again.</summary>
public static class RevokeSource
{
    public static void MapRevokeSource(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/revoke", (Guid id, HttpContext http, [AsParameters] SourcesApi.Ctx c) => SourcesApi.Change(id, http, c, Decide, SourceView.Of))
            .WithName("RevokeSource").RequiresIfMatch().ProducesIfMatchProblems();

    public static string? Decide(Source source, DateTimeOffset now, string by)
    {
        if (source.State == SourceStates.Revoked) return "The source is already revoked.";
        source.State = SourceStates.Revoked;
        source.Secrets = [];
        source.Touch(now, by);
        return null;
    }
}
