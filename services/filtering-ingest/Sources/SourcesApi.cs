using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
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

    /// <summary>
    /// The change path for a source (pause, resume, revoke, rotation): If-Match (428, the endpoint's
    /// <c>RequiresIfMatch</c>) → <see cref="Keep"/>'s document path: a lock on the source, load, 404 unless the caller may
    /// see it, stale revision (412), the edit on a draft (409 when refused), save, ETag → the directory forgets its cached
    /// copy, so the vendor's next request meets the change.
    /// </summary>
    internal static async Task<Results<Ok<TView>, ProblemHttpResult>> Change<TView>(Guid id, HttpContext http, Ctx c, SourceEdit edit,
        Func<Source, TView> respond)
    {
        await using var session = c.Session();
        return await Keep.Document(http, session, c.User, c.Time, id.ToString(), Visible(session, id, c), s => s.Revision,
            (current, actor, now) => Decide(current!, edit, now, actor.Id), Saved(id, c, respond), missing: NotFound);
    }

    /// <summary><see cref="Change{TView}"/> for an edit with a request to check first (400 before the source is read).</summary>
    internal static async Task<Results<Ok<TView>, ValidationProblem, ProblemHttpResult>> Change<TView>(Guid id, HttpContext http, Ctx c,
        SourceEdit edit, Func<Source, TView> respond, Func<ValidationProblem?> parse)
    {
        await using var session = c.Session();
        return await Keep.Document(http, session, c.User, c.Time, id.ToString(), Visible(session, id, c), s => s.Revision,
            (current, actor, now) => Decide(current!, edit, now, actor.Id), Saved(id, c, respond), parse, missing: NotFound);
    }

    private static Func<CancellationToken, Task<Source?>> Visible(IDocumentSession session, Guid id, Ctx c) => async ct =>
        await session.LoadAsync<Source>(id, ct) is { } source && c.Scope.CanSee(source) ? source : null;

    private static Func<Source?, long, Task<Ok<TView>>> Saved<TView>(Guid id, Ctx c, Func<Source, TView> respond) => (saved, _) =>
    {
        c.Directory.Invalidate(id);
        return Task.FromResult(TypedResults.Ok(respond(saved!)));
    };

    /// <summary>
    /// Pure: the edit applied to a draft of the current source, stored with the next revision; or a 409 saying why not.
    /// </summary>
    public static DocumentDecision<Source> Decide(Source current, SourceEdit edit, DateTimeOffset now, string by)
    {
        var draft = current.Draft();
        if (edit(draft, now, by) is { } refused) return Decision.Conflict("The source cannot change that way", refused);
        draft.Revision = current.Revision + 1;
        return DocumentDecision<Source>.Store(draft);
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

/// <summary>
/// A change to a source, made on a draft of it (<see cref="Source.Draft"/>): null when made, else why not (a 409).
/// </summary>
public delegate string? SourceEdit(Source draft, DateTimeOffset now, string by);
