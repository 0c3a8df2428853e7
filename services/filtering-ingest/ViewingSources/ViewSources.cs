using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.FilteringIngest.ViewingSources;

/// <summary>An IT admin lists the sources they may manage (their school's, or all for a trust admin) and reads one.</summary>
public static class ViewSources
{
    public static void MapViewSources(this RouteGroupBuilder sources)
    {
        sources.MapGet("/", List).WithName("ListSources");
        sources.MapGet("/{id:guid}", Get).WithName("GetSource");
    }

    private static async Task<Ok<List<SourceView>>> List([AsParameters] SourcesApi.Ctx c, CancellationToken ct)
    {
        await using var session = c.Store.QuerySession(IngestTenants.Trust);
        var query = session.Query<Source>();
        var school = c.Scope.SchoolUrn;
        var list = school is null
            ? await query.OrderBy(s => s.RegisteredAt).ToListAsync(ct)
            : await query.Where(s => s.SchoolUrn == school).OrderBy(s => s.RegisteredAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(SourceView.Of).ToList());
    }

    /// <summary>The source, with its revision as the ETag (send it as If-Match to pause, resume, revoke or rotate it).</summary>
    private static async Task<Results<Ok<SourceView>, ProblemHttpResult>> Get(Guid id, HttpContext http, [AsParameters] SourcesApi.Ctx c,
        CancellationToken ct)
    {
        var source = await SourcesApi.Load(id, c, ct);
        if (source is null) return SourcesApi.NotFound();
        http.Response.SetETag(source.Revision);
        return TypedResults.Ok(SourceView.Of(source));
    }
}
