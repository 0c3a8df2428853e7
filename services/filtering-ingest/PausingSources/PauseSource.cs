using TrustSafety.EventSourcing;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.PausingSources;

/// <summary>An IT admin pauses an active source: its vendor's requests are refused (409) until it is resumed.</summary>
public static class PauseSource
{
    public static void MapPauseSource(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/pause", (Guid id, HttpContext http, [AsParameters] SourcesApi.Ctx c) => SourcesApi.Change(id, http, c, Decide, SourceView.Of))
            .WithName("PauseSource").RequiresIfMatch().ProducesIfMatchProblems();

    public static string? Decide(Source source, DateTimeOffset now, string by)
    {
        if (source.State != SourceStates.Active) return $"Only an active source can be paused; this one is {source.State}.";
        source.State = SourceStates.Paused;
        source.Touch(now, by);
        return null;
    }
}
