using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.Receiving;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.FilteringIngest.Sources;

public sealed record SourceView(
    Guid Id, string Name, string Format, string Vendor, string? SchoolUrn, bool TrustWide, string State, string[] AllowedSenders,
    int RateLimitPerSecond, string TimeZone, int CategoryMapEntries, DateTimeOffset RegisteredAt, string RegisteredBy,
    DateTimeOffset ChangedAt, IReadOnlyList<DateTimeOffset?> SecretsValidUntil, string WebhookPath)
{
    public static SourceView Of(Source s) => new(s.Id, s.Name, s.Format, s.Vendor, s.SchoolUrn, s.IsTrustWide, s.State, s.AllowedSenders,
        s.RateLimitPerSecond, s.TimeZone, s.CategoryMap.Count, s.RegisteredAt, s.RegisteredBy, s.ChangedAt,
        s.Secrets.Select(x => x.ValidUntil).ToList(), WebhookPathFor(s));

    private static string WebhookPathFor(Source s) => s.Format switch
    {
        GoogleAlertCenterAdapter.FormatName => $"/webhooks/{s.Id}/google?token=<secret>",
        GraphSecurityAlertsAdapter.FormatName => $"/webhooks/{s.Id}/graph",
        _ => $"/webhooks/{s.Id}",
    };
}

/// <summary>The only time a secret is shown: in the answer to register or rotate.</summary>
public sealed record SourceWithSecret(SourceView Source, string Secret);

public sealed record RotateSecret(int? OverlapMinutes);

public sealed record SourceHealthView(
    Guid SourceId, string State, long Accepted, long Duplicates, long Rejected, long UnknownCategories, long Batches,
    DateTimeOffset? LastReceivedAt, DateTimeOffset? LastEventAt, IReadOnlyList<RejectedRecordSample> RecentRejected,
    IReadOnlyList<UnknownCategoryCount> UnknownCategoryCounts);

public sealed record RejectedRecordSample(DateTimeOffset At, string Channel, int Record, string Field, string Reason, string? Raw);

/// <summary>IT admins manage vendor connections: a school's admin for their school, a trust admin (no school claim) for all.</summary>
public static class SourcesApi
{
    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var sources = app.MapGroup("/sources").RequireAuthorization(PlatformPolicies.ItAdmin).WithTags("Sources");
        sources.MapPost("/", Register).WithName("RegisterSource");
        sources.MapGet("/", List).WithName("ListSources");
        sources.MapGet("/{id:guid}", Get).WithName("GetSource");
        sources.MapPost("/{id:guid}/rotate-secret", Rotate).WithName("RotateSourceSecret");
        sources.MapPost("/{id:guid}/pause", (Guid id, [AsParameters] Ctx c, CancellationToken ct) => Change(id, c, SourceDecisions.Pause, ct)).WithName("PauseSource");
        sources.MapPost("/{id:guid}/resume", (Guid id, [AsParameters] Ctx c, CancellationToken ct) => Change(id, c, SourceDecisions.Resume, ct)).WithName("ResumeSource");
        sources.MapPost("/{id:guid}/revoke", (Guid id, [AsParameters] Ctx c, CancellationToken ct) => Change(id, c, SourceDecisions.Revoke, ct)).WithName("RevokeSource");
        sources.MapGet("/{id:guid}/health", Health).WithName("GetSourceHealth");
        sources.MapPost("/{id:guid}/uploads", Upload).WithName("UploadSourceFile").DisableAntiforgery();
        return app;
    }

    /// <summary>What every handler here needs.</summary>
    public sealed record Ctx(IDocumentStore Store, CurrentUser User, TimeProvider Time, SourceDirectory Directory,
        SecretProtector Protector, FormatAdapters Adapters, Microsoft.Extensions.Options.IOptions<IngestOptions> Options, TrustSchools Schools)
    {
        public AdminScope Scope => new(User.SchoolUrn);
        public IDocumentSession Session() => Store.LightweightSession(IngestTenants.Trust);
    }

    private static async Task<Results<Created<SourceWithSecret>, ValidationProblem, ProblemHttpResult>> Register(RegisterSource command, [AsParameters] Ctx c, CancellationToken ct)
    {
        var secret = SecretProtector.NewSecret();
        var options = c.Options.Value;
        var (source, errors) = SourceDecisions.Register(command, c.Scope, c.Adapters.Formats, Guid.CreateVersion7(), c.Protector.Encrypt(secret),
            options.DefaultRateLimitPerSecond, c.Time.GetUtcNow(), c.User.Id,
            new SenderLimits(options.Syslog.MinIPv4PrefixLength, options.Syslog.MinIPv6PrefixLength), c.Schools.Schools.Select(s => s.Urn).ToHashSet(StringComparer.Ordinal));
        if (source is null) return TypedResults.ValidationProblem(errors, title: "The source cannot be registered");
        source.Vendor = c.Adapters.For(source.Format)!.Vendor;
        await using var session = c.Session();
        if (source.AllowedSenders.Length > 0)
        {
            // One registration with senders at a time (a transaction-scoped advisory lock), so two overlapping ranges
            // registered at the same moment cannot both pass the check.
            await session.BeginTransactionAsync(ct);
            await using (var lockCommand = new Npgsql.NpgsqlCommand("select pg_advisory_xact_lock(@id)", session.Connection))
            {
                lockCommand.Parameters.AddWithValue("id", SenderRegistrationLock);
                await lockCommand.ExecuteNonQueryAsync(ct);
            }
            var live = await session.Query<Source>().Where(s => s.State != SourceStates.Revoked).ToListAsync(ct);
            if (SenderConflict.Find(source.AllowedSenders, live) is { Count: > 0 } conflicts)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An allowed sender is already another source's",
                    detail: $"{string.Join("; ", conflicts.Select(x => x.Describe()))}. Syslog from one address can belong to one source only: " +
                        "list only this school's own firewall address(es), or revoke the other source first (a trust IT admin can see both).",
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["field"] = "allowedSenders",
                        ["conflicts"] = conflicts.Select(x => new { entry = x.Entry, sourceId = x.SourceId, sourceEntry = x.TheirEntry }).ToList(),
                    });
        }
        session.Insert(source);
        await session.SaveChangesAsync(ct);
        c.Directory.Invalidate(source.Id);
        return TypedResults.Created($"/sources/{source.Id}", new SourceWithSecret(SourceView.Of(source), secret));
    }

    /// <summary>Advisory lock id serialising registrations that carry syslog senders ("ingest-senders").</summary>
    private const long SenderRegistrationLock = 0x696e67_73656e64;

    private static async Task<Ok<List<SourceView>>> List([AsParameters] Ctx c, CancellationToken ct)
    {
        await using var session = c.Store.QuerySession(IngestTenants.Trust);
        var query = session.Query<Source>();
        var school = c.Scope.SchoolUrn;
        var list = school is null
            ? await query.OrderBy(s => s.RegisteredAt).ToListAsync(ct)
            : await query.Where(s => s.SchoolUrn == school).OrderBy(s => s.RegisteredAt).ToListAsync(ct);
        return TypedResults.Ok(list.Select(SourceView.Of).ToList());
    }

    private static async Task<Results<Ok<SourceView>, ProblemHttpResult>> Get(Guid id, [AsParameters] Ctx c, CancellationToken ct)
    {
        var source = await Load(id, c, ct);
        return source is null ? NotFound() : TypedResults.Ok(SourceView.Of(source));
    }

    private static async Task<Results<Ok<SourceWithSecret>, ValidationProblem, ProblemHttpResult>> Rotate(Guid id, RotateSecret? command, [AsParameters] Ctx c, CancellationToken ct)
    {
        await using var session = c.Session();
        var source = await session.LoadAsync<Source>(id, ct);
        if (source is null || !c.Scope.CanSee(source)) return NotFound();
        var secret = SecretProtector.NewSecret();
        var overlap = command?.OverlapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : c.Options.Value.DefaultRotationOverlap;
        if (SourceDecisions.RotateSecret(source, c.Protector.Encrypt(secret), overlap, c.Time.GetUtcNow(), c.User.Id) is { } problem)
            return Refused(problem, "overlapMinutes");
        session.Store(source);
        await session.SaveChangesAsync(ct);
        c.Directory.Invalidate(id);
        return TypedResults.Ok(new SourceWithSecret(SourceView.Of(source), secret));
    }

    private static async Task<Results<Ok<SourceView>, ProblemHttpResult>> Change(Guid id, Ctx c, Func<Source, DateTimeOffset, string, string?> decide, CancellationToken ct)
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

    private static async Task<Results<Ok<SourceHealthView>, ProblemHttpResult>> Health(Guid id, [AsParameters] Ctx c, Normalisation.CrosswalkCatalog catalog, CancellationToken ct)
    {
        var source = await Load(id, c, ct);
        if (source is null) return NotFound();
        await using var session = c.Store.QuerySession(source.HomeTenant);
        var health = await session.LoadAsync<SourceHealth>(id, ct) ?? new SourceHealth { Id = id };
        var rejected = await session.Query<RejectedRecord>().Where(r => r.SourceId == id)
            .OrderByDescending(r => r.At).Take(50).ToListAsync(ct);
        return TypedResults.Ok(new SourceHealthView(id, source.State, health.Accepted, health.Duplicates, health.Rejected,
            health.UnknownCategories, health.Batches, health.LastReceivedAt, health.LastEventAt,
            rejected.Select(r => new RejectedRecordSample(r.At, r.Channel, r.Record, r.Field, r.Reason, r.Raw)).ToList(),
            // A category mapped since (PUT /crosswalks/{vendor}) is no longer one to map; its past events stay "other".
            health.UnknownCategoryCounts.Where(u => catalog.Current.Classify(u.Vendor, [new VendorCategory(u.CategoryId, u.Label)]).Unknown).ToList()));
    }

    /// <summary>An IT admin uploads a vendor export (CSV or lines) for a source; same parsing and storage as the webhooks.</summary>
    private static async Task<Results<Accepted<IngestAccepted>, ValidationProblem, ProblemHttpResult>> Upload(Guid id, HttpContext http, WebhookReceiver receiver, [AsParameters] Ctx c, CancellationToken ct)
    {
        var source = await Load(id, c, ct);
        if (source is null) return NotFound();
        if (await receiver.ReadBodyAsync(http, ct) is not { } body) return receiver.TooLarge();
        var active = await c.Directory.FindAsync(id, ct);
        if (active is null || active.Source.State == SourceStates.Revoked)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Source revoked", detail: "A revoked source accepts no uploads.");
        if (receiver.Gate(active, http) is { } refused) return refused;
        return await receiver.IngestAsync(active, body, "upload", null, http, ct);
    }

    private static async Task<Source?> Load(Guid id, Ctx c, CancellationToken ct)
    {
        await using var session = c.Store.QuerySession(IngestTenants.Trust);
        var source = await session.LoadAsync<Source>(id, ct);
        return source is not null && c.Scope.CanSee(source) ? source : null;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Source not found",
        detail: "No source with this id is visible to you.");

    private static ValidationProblem Refused(string problem, string field) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [problem] }, title: "The change is not possible");
}
