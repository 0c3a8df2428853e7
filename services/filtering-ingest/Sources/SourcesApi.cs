using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.CheckingSourceHealth;
using TrustSafety.FilteringIngest.ConnectingSources;
using TrustSafety.FilteringIngest.PausingSources;
using TrustSafety.FilteringIngest.RevokingSources;
using TrustSafety.FilteringIngest.RotatingSourceSecret;
using TrustSafety.FilteringIngest.UploadingSourceFiles;
using TrustSafety.FilteringIngest.ViewingSources;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.FilteringIngest.Sources;

/// <summary>IT admins manage vendor connections: a school's admin for their school, a trust admin (no school claim) for all.</summary>
public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/sources").RequireAuthorization(PlatformPolicies.ItAdmin).WithTags("Sources");
        sources.MapConnectSource();
        sources.MapViewSources();
        sources.MapRotateSourceSecret();
        sources.MapPauseSource();
        sources.MapResumeSource();
        sources.MapRevokeSource();
        sources.MapCheckSourceHealth();
        sources.MapUploadSourceFile();
        return app;
    }

    /// <summary>What every handler here needs.</summary>
    public sealed record Ctx(IDocumentStore Store, CurrentUser User, TimeProvider Time, SourceDirectory Directory,
        SecretProtector Protector, FormatAdapters Adapters, Microsoft.Extensions.Options.IOptions<IngestOptions> Options, TrustSchools Schools)
    {
        public AdminScope Scope => new(User.SchoolUrn);
        public IDocumentSession Session() => Store.LightweightSession(IngestTenants.Trust);
    }

    /// <summary>A state change decided on the source document (pause, resume, revoke): 404 unless visible, 409 when refused.</summary>
    internal static async Task<Results<Ok<SourceView>, ProblemHttpResult>> Change(Guid id, Ctx c, Func<Source, DateTimeOffset, string, string?> decide, CancellationToken ct)
    {
        await using var session = c.Session();
        var source = await session.LoadAsync<Source>(id, ct);
        if (source is null || !c.Scope.CanSee(source)) return NotFound();
        if (decide(source, c.Time.GetUtcNow(), c.User.Id) is { } problem)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The source cannot change that way", detail: problem);
        session.Store(source);
        await session.SaveChangesAsync(ct);
        c.Directory.Invalidate(id);
        return TypedResults.Ok(SourceView.Of(source));
    }

    /// <summary>The source, when it exists and the caller may see it.</summary>
    internal static async Task<Source?> Load(Guid id, Ctx c, CancellationToken ct)
    {
        await using var session = c.Store.QuerySession(IngestTenants.Trust);
        var source = await session.LoadAsync<Source>(id, ct);
        return source is not null && c.Scope.CanSee(source) ? source : null;
    }

    internal static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Source not found",
        detail: "No source with this id is visible to you.");

    internal static ValidationProblem Refused(string problem, string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] }, title: "The change is not possible");
}
