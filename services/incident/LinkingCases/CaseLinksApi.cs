using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.Access;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.LinkingCases;

public sealed record CaseLinkChanged(Guid LinkId, long Version);

public sealed record CaseLinkSummary(
    Guid Id, long Version, string Status, string Direction, string OtherSchoolUrn, string OtherSchoolName, Guid? YourIncidentId,
    DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt);

/// <summary>Your school's links, and the other schools of the trust a link can be asked of (URN and name).</summary>
public sealed record CaseLinkList(IReadOnlyList<CaseLinkSummary> Items, IReadOnlyList<TrustSchool> Schools);

public sealed record TrustSchool(string Urn, string Name);

public sealed record CaseLinkAuditEntry(DateTimeOffset At, string Kind, string SchoolUrn, string SchoolName, string ByName, string? What);

/// <summary>
/// The linked case as either DSL sees it: what was shared and why, the answer, and every share and read by either school.
/// Never the other school's record or incident id.
/// </summary>
public sealed record CaseLinkView(
    Guid Id, long Version, string Status, string Direction, string FromSchoolUrn, string FromSchoolName, string ToSchoolUrn,
    string ToSchoolName, Guid? YourIncidentId, string RequestedByName, DateTimeOffset RequestedAt, string SharedSummary, string Purpose,
    string LawfulBasis, string? ReplySummary, string? DecidedByName, DateTimeOffset? DecidedAt, string? DecisionRationale,
    IReadOnlyList<CaseLinkAuditEntry> Audit);

public sealed record SchoolCaseLinkCount(string SchoolUrn, string SchoolName, int Linked, int AwaitingAnswer);

/// <summary>What the trust lead sees of linked cases: counts, never content.</summary>
public sealed record TrustCaseLinkCounts(int Requested, int Accepted, int Declined, IReadOnlyList<SchoolCaseLinkCount> Schools);

/// <summary>Cross-school linked cases inside the trust (issue 15 point 7): the DSLs of the two schools only; the trust lead counts.</summary>
public static class CaseLinksApi
{
    private const string Trust = RouteRuleSets.TrustTenant;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/case-links", RequestLink)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("RequestCaseLink")
            .WithSummary("Ask another school of the trust to link this case, naming what is shared and why (DSL only)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/case-links", List)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("ListCaseLinks")
            .WithSummary("Links your school asked for or was asked for: status and the other school, no content (DSL only)");

        group.MapGet("/case-links/{linkId:guid}", Read)
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("GetCaseLink")
            .WithSummary("The linked case: the shared summaries only, and every share and read by either school; the read is audited (DSL of either school)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/case-links/{linkId:guid}/accept", async (Guid linkId, CaseLinkAcceptRequest request, HttpContext http, IDocumentStore store,
                IDocumentSession school, CurrentUser user, TimeProvider clock, Keyring keyring) =>
            {
                // Whether the incident named is the caller's own is read from their school first; the decision itself is pure.
                var found = request.IncidentId is { } incidentId
                    && await school.LoadAsync<OnlineSafetyIncident>(incidentId, http.RequestAborted) is { } mine
                    && Visibility.CanManage(mine, Actor.From(user));
                return await Answer(linkId, http, store, user, clock, keyring,
                    (link, actor, now) => LinkCases.Accept(link, user.Tenant, request, found, actor, now));
            })
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("AcceptCaseLink")
            .WithSummary("Accept a link request, optionally naming your incident and what you share back (the asked school's DSL; If-Match)")
            .ProducesChangeProblems();

        group.MapPost("/case-links/{linkId:guid}/decline", (Guid linkId, CaseLinkDeclineRequest request, HttpContext http, IDocumentStore store,
                CurrentUser user, TimeProvider clock, Keyring keyring) =>
                Answer(linkId, http, store, user, clock, keyring, (link, actor, now) => LinkCases.Decline(link, user.Tenant, request, actor, now)))
            .RequireAuthorization(DataProtectionSetup.DslOnly)
            .WithName("DeclineCaseLink")
            .WithSummary("Decline a link request with the rationale (the asked school's DSL; If-Match)")
            .ProducesChangeProblems();

        group.MapGet("/trust/case-links", Counts)
            .RequireAuthorization(PlatformPolicies.TrustLead)
            .WithName("CountCaseLinks")
            .WithSummary("Counts of linked cases in the trust, by status and school; never their content (trust lead)");
    }

    private static async Task<Results<Created<CaseLinkChanged>, ValidationProblem, ProblemHttpResult>> RequestLink(
        Guid id, CaseLinkRequest request, HttpContext http, IDocumentSession school, IDocumentStore store, CurrentUser user,
        TimeProvider clock, Keyring keyring, TrustSchools schools)
    {
        var ct = http.RequestAborted;
        var actor = Actor.From(user);
        var incident = await school.LoadAsync<OnlineSafetyIncident>(id, ct);
        if (incident is null || !Visibility.CanManage(incident, actor)) return Problems.IncidentNotFound(id);
        await using var trust = store.LightweightSession(Trust);
        var target = request.SchoolUrn?.Trim();
        var open = target is not null && await trust.Query<CaseLink>()
            .AnyAsync(l => l.FromIncidentId == id && l.FromSchool == user.Tenant && l.ToSchool == target && l.Status != CaseLinkStatus.Declined, ct);
        var linkId = Guid.CreateVersion7();
        var decision = LinkCases.Request(user.Tenant, id, request, schools.Names, open, actor, clock.GetUtcNow(), linkId);
        if (decision.Rejection is InvalidInput invalid) return Invalid(invalid);
        if (decision.Rejection is not null) return ToProblem(decision.Rejection);
        var requested = (CaseLinkRequested)decision.Events.Single();
        var seal = await SealerAsync(keyring, linkId, ct);
        trust.Events.StartStream<CaseLink>(linkId, requested with
        {
            SharedSummary = seal(requested.SharedSummary, "sharedSummary"),
            Purpose = seal(requested.Purpose, "purpose"),
            LawfulBasis = seal(requested.LawfulBasis, "lawfulBasis"),
        });
        await trust.SaveChangesAsync(ct);
        http.Response.SetETag(1);
        return TypedResults.Created($"/case-links/{linkId}", new CaseLinkChanged(linkId, 1));
    }

    /// <summary>An answer to a link request, on the change path in the trust's tenant, where links live beside neither school's records.</summary>
    private static async Task<Results<Ok<CaseLinkChanged>, ValidationProblem, ProblemHttpResult>> Answer(
        Guid linkId, HttpContext http, IDocumentStore store, CurrentUser user, TimeProvider clock, Keyring keyring,
        Func<CaseLink, Actor, DateTimeOffset, Decision> decide)
    {
        await using var trust = store.LightweightSession(Trust);
        return await Change.Apply<CaseLink, CaseLinkChanged>(http, trust, user, clock, linkId, decide,
            applied => new CaseLinkChanged(linkId, applied.Version),
            new ChangeRules<CaseLink>
            {
                NotFound = () => LinkNotFound(linkId),
                // A school that is not part of the link is told it does not exist, never whether its version is stale.
                Admit = (link, _) => link.Involves(user.Tenant) ? null : LinkNotFound(linkId),
                BeforeSave = async (context, _, events) => SealAnswer(await SealerAsync(keyring, linkId, context.RequestAborted), events),
            });
    }

    private static IReadOnlyList<object> SealAnswer(Func<string, string, string> seal, IReadOnlyList<object> events) =>
    [
        .. events.Select(e => e switch
        {
            CaseLinkAccepted a => a with
            {
                SharedSummary = a.SharedSummary is null ? null : seal(a.SharedSummary, "replySummary"),
                Rationale = seal(a.Rationale, "decisionRationale"),
            },
            CaseLinkDeclined d => (object)(d with { Rationale = seal(d.Rationale, "decisionRationale") }),
            _ => e,
        }),
    ];

    private static async Task<Ok<CaseLinkList>> List(IDocumentStore store, CurrentUser user, TrustSchools schools, CancellationToken ct)
    {
        var urn = user.Tenant;
        var names = schools.Names;
        await using var trust = store.QuerySession(Trust);
        var links = await trust.Query<CaseLink>().Where(l => l.FromSchool == urn || l.ToSchool == urn).OrderByDescending(l => l.RequestedAt)
            .ToListAsync(ct);
        return TypedResults.Ok(new CaseLinkList(links.Select(l =>
        {
            var outgoing = l.FromSchool == urn;
            var other = outgoing ? l.ToSchool : l.FromSchool;
            return new CaseLinkSummary(l.Id, l.Version, l.Status, outgoing ? "outgoing" : "incoming", other, names.GetValueOrDefault(other, other),
                outgoing ? l.FromIncidentId : l.ToIncidentId, l.RequestedAt, l.DecidedAt);
        }).ToList(), names.Where(n => n.Key != urn).OrderBy(n => n.Value, StringComparer.Ordinal).Select(n => new TrustSchool(n.Key, n.Value)).ToList()));
    }

    private static async Task<Results<Ok<CaseLinkView>, ProblemHttpResult>> Read(
        Guid linkId, HttpContext http, IDocumentStore store, CurrentUser user, TimeProvider clock, Keyring keyring, TrustSchools schools)
    {
        var ct = http.RequestAborted;
        var urn = user.Tenant;
        await using var trust = store.LightweightSession(Trust);
        var link = await trust.LoadAsync<CaseLink>(linkId, ct);
        if (link is null || !link.Involves(urn)) return LinkNotFound(linkId);
        trust.Events.Append(CaseLinkAudit.For(linkId), new LinkedCaseRead(linkId, urn, user.Id, user.Name, clock.GetUtcNow()));
        await trust.SaveChangesAsync(ct);
        var reads = (await trust.Events.FetchStreamAsync(CaseLinkAudit.For(linkId), token: ct)).Select(e => e.Data).OfType<LinkedCaseRead>();

        var subject = CaseLinkAudit.Subject(linkId);
        var key = (await keyring.ForOpeningAsync(trust, [subject], ct)).For(subject);
        string Open(string value, string field) => FieldCipher.Open(value, [key], $"{linkId:N}/{field}");
        string? OpenOptional(string? value, string field) => value is null ? null : Open(value, field);

        var names = schools.Names;
        string Name(string school) => names.GetValueOrDefault(school, school);
        var audit = link.Shares.Select(s => new CaseLinkAuditEntry(s.At, "shared", s.School, Name(s.School), s.ByName, s.What))
            .Concat(reads.Select(r => new CaseLinkAuditEntry(r.At, "read", r.School, Name(r.School), r.ByName, null)))
            .Concat(link.Status == CaseLinkStatus.Declined && link.DecidedAt is { } at
                ? [new CaseLinkAuditEntry(at, "declined", link.ToSchool, Name(link.ToSchool), link.DecidedByName ?? "", null)]
                : [])
            .OrderBy(e => e.At).ToList();
        var outgoing = link.FromSchool == urn;
        http.Response.SetETag(link.Version);
        return TypedResults.Ok(new CaseLinkView(link.Id, link.Version, link.Status, outgoing ? "outgoing" : "incoming", link.FromSchool,
            Name(link.FromSchool), link.ToSchool, Name(link.ToSchool), outgoing ? link.FromIncidentId : link.ToIncidentId, link.RequestedByName,
            link.RequestedAt, Open(link.SharedSummary, "sharedSummary"), Open(link.Purpose, "purpose"), Open(link.LawfulBasis, "lawfulBasis"),
            OpenOptional(link.ReplySummary, "replySummary"), link.DecidedByName, link.DecidedAt, OpenOptional(link.DecisionRationale, "decisionRationale"),
            audit));
    }

    private static async Task<Ok<TrustCaseLinkCounts>> Counts(IDocumentStore store, TrustSchools schools, CancellationToken ct)
    {
        await using var trust = store.QuerySession(Trust);
        var links = await trust.Query<CaseLink>().Select(l => new { l.Status, l.FromSchool, l.ToSchool }).ToListAsync(ct);
        var names = schools.Names;
        return TypedResults.Ok(new TrustCaseLinkCounts(
            links.Count(l => l.Status == CaseLinkStatus.Requested), links.Count(l => l.Status == CaseLinkStatus.Accepted),
            links.Count(l => l.Status == CaseLinkStatus.Declined),
            names.OrderBy(n => n.Value, StringComparer.Ordinal).Select(n => new SchoolCaseLinkCount(n.Key, n.Value,
                links.Count(l => l.Status == CaseLinkStatus.Accepted && (l.FromSchool == n.Key || l.ToSchool == n.Key)),
                links.Count(l => l.Status == CaseLinkStatus.Requested && l.ToSchool == n.Key))).ToList()));
    }

    private static async Task<Func<string, string, string>> SealerAsync(Keyring keyring, Guid linkId, CancellationToken ct)
    {
        var subject = CaseLinkAudit.Subject(linkId);
        var key = (await keyring.ForSealingAsync(Trust, [subject], ct))[subject];
        return (text, field) => FieldCipher.Seal(text, [key], $"{linkId:N}/{field}");
    }

    private static ProblemHttpResult LinkNotFound(Guid linkId) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Linked case not found", detail: $"There is no linked case {linkId} that your school is part of.");

    private static ValidationProblem Invalid(InvalidInput invalid) => TypedResults.ValidationProblem(invalid.Errors, title: invalid.Title,
        detail: FieldErrors.NothingChanged);

    private static ProblemHttpResult ToProblem(Rejection rejection) => rejection switch
    {
        NotAllowedNow c => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: c.Title, detail: c.Detail),
        NotPermitted f => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: f.Title, detail: f.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };
}
