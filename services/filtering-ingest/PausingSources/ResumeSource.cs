using TrustSafety.EventSourcing;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.PausingSources;

/// <summary>An IT admin resumes a paused source: it accepts events again.</summary>
public static class ResumeSource
{
    public static void MapResumeSource(this RouteGroupBuilder sources) =>
        sources.MapPost("/{id:guid}/resume", (Guid id, HttpContext http, [AsParameters] SourcesApi.Ctx c) => SourcesApi.Change(id, http, c, Decide, SourceView.Of))
            .WithName("ResumeSource").RequiresIfMatch().ProducesIfMatchProblems();

    public static string? Decide(Source source, DateTimeOffset now, string by)
    {
        if (source.State != SourceStates.Paused) return $"Only a paused source can be resumed; this one is {source.State}.";
        source.State = SourceStates.Active;
        source.Touch(now, by);
        return null;
    }
}
