using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.RoutingIncidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.Agencies;

public sealed record AgencyContactRequest(string? Name, string? Phone, string? OutOfHoursPhone, string? Email, string? Web, string? Notes);

/// <summary>
/// Issue 15 point 4: the directory of agencies. Each entry is the school's own contact, else the trust's default, else the
/// built-in one. The DSL edits their school's entries; the trust lead edits the trust's defaults. If-Match: the entry's
/// revision at the editor's level ("0" when that level has none yet).
/// </summary>
public static class AgenciesApi
{
    private static readonly AuthorizationPolicy Readers = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
        .RequireRole([.. PlatformRoles.AnySchoolStaff, PlatformRoles.TrustLead]).Build();

    public static FieldErrors Validate(AgencyContactRequest r)
    {
        var errors = new FieldErrors()
            .Required(r.Name, "name", "the service's name as the DSL would ask for it (e.g. \"Wolverhampton MASH\").", 200)
            .When(string.IsNullOrWhiteSpace(r.Phone) && string.IsNullOrWhiteSpace(r.Web) && string.IsNullOrWhiteSpace(r.Email), "phone",
                "give at least one way to reach the agency: phone, email or web.");
        foreach (var (value, field) in new[] { (r.Phone, "phone"), (r.OutOfHoursPhone, "outOfHoursPhone") })
            errors.When(value is { Length: > 0 } p && (p.Length > 40 || !p.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-')),
                field, $"{field} is a telephone number: digits, spaces, + ( ) -, at most 40 characters (e.g. \"01902 555392\").");
        errors.When(r.Email is { Length: > 0 } e && (e.Length > 200 || !e.Contains('@') || e.Contains(' ')), "email",
            "email must be an address like \"lado@council.gov.uk\".");
        errors.When(r.Web is { Length: > 0 } w && (w.Length > 500 || !Uri.TryCreate(w, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http")),
            "web", "web must be an absolute http(s) address, e.g. \"https://report.iwf.org.uk/\".");
        errors.When(r.Notes?.Length > 1000, "notes", "notes must be at most 1000 characters.");
        return errors;
    }

    public static AgencyContactDetails ToDetails(AgencyContactRequest r)
    {
        static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        return new(r.Name!.Trim(), Clean(r.Phone), Clean(r.OutOfHoursPhone), Clean(r.Email), Clean(r.Web), Clean(r.Notes));
    }

    /// <summary>Pure: the directory as a reader sees it, from the trust's and the school's entries (school null: the trust's view).</summary>
    public static IReadOnlyList<AgencyEntry> Resolve(IReadOnlyDictionary<string, AgencyContact> trust, IReadOnlyDictionary<string, AgencyContact>? school) =>
        AgencyKinds.All.Select(kind =>
        {
            var trustEntry = trust.GetValueOrDefault(kind.Code);
            var schoolEntry = school?.GetValueOrDefault(kind.Code);
            var trustDefault = trustEntry?.Details ?? kind.Default;
            var chosen = schoolEntry ?? trustEntry;
            var source = schoolEntry is not null ? AgencySources.School : trustEntry is not null ? AgencySources.Trust : AgencySources.BuiltIn;
            var editRevision = school is null ? trustEntry?.Revision ?? 0 : schoolEntry?.Revision ?? 0;
            return new AgencyEntry(kind.Code, kind.Label, chosen?.Details ?? kind.Default, source, chosen?.UpdatedByName, chosen?.UpdatedAt,
                editRevision, trustDefault);
        }).ToList();

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/agencies", List)
            .RequireAuthorization(Readers)
            .WithName("ListAgencies")
            .WithSummary("The agencies directory: the school's entries over the trust's defaults over the built-in ones (school staff; the trust lead sees the trust's defaults)")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPut("/agencies/{code}", Put)
            .RequireAuthorization(Readers)
            .WithName("SetAgencyContact")
            .WithSummary("Set an agency's contact: the DSL for their school, the trust lead as the trust's default (If-Match: the entry's editRevision)")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        group.MapDelete("/agencies/{code}", Reset)
            .RequireAuthorization(Readers)
            .WithName("ResetAgencyContact")
            .WithSummary("Remove the school's (DSL) or the trust's (trust lead) own entry, so the level below applies again (If-Match: editRevision)")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<IReadOnlyList<AgencyEntry>>, ProblemHttpResult>> List(IDocumentStore store, CurrentUser user, CancellationToken ct)
    {
        if (user.SchoolUrn is null && !user.IsInRole(PlatformRoles.TrustLead)) return NoSchool();
        var trust = await LoadAsync(store, RouteRuleSets.TrustTenant, ct);
        var school = user.SchoolUrn is { } urn ? await LoadAsync(store, urn, ct) : null;
        return TypedResults.Ok(Resolve(trust, school));
    }

    /// <summary>Pure: the entry a DSL or the trust lead sets from a request <see cref="Validate"/> passed (the next revision at their level).</summary>
    public static DocumentDecision<AgencyContact> DecideContact(AgencyContact? current, string code, AgencyContactRequest request, Actor actor,
        DateTimeOffset now) =>
        DocumentDecision<AgencyContact>.Store(new AgencyContact
        {
            Id = code, Details = ToDetails(request), Revision = (current?.Revision ?? 0) + 1, UpdatedBy = actor.Id,
            UpdatedByName = actor.Name, UpdatedAt = now,
        });

    private static async Task<Results<Ok<AgencyEntry>, ValidationProblem, ProblemHttpResult>> Put(
        string code, AgencyContactRequest request, HttpContext http, IDocumentStore store, CurrentUser user, TimeProvider clock)
    {
        if (EditorTenant(user) is not { } tenant) return NotEditor();
        if (AgencyKinds.Of(code) is null) return UnknownAgency(code);
        await using var session = store.LightweightSession(tenant);
        return await Keep.Document(http, session, user, clock, code, ct => session.LoadAsync<AgencyContact>(code, ct), c => c.Revision,
            (current, actor, now) => DecideContact(current, code, request, actor, now),
            async (_, _) =>
            {
                var trust = await LoadAsync(store, RouteRuleSets.TrustTenant, http.RequestAborted);
                var school = tenant == RouteRuleSets.TrustTenant ? null : await LoadAsync(store, tenant, http.RequestAborted);
                return TypedResults.Ok(Resolve(trust, school).Single(e => e.Code == code));
            },
            parse: () => Validate(request) is { Any: true } errors ? errors.Problem("The agency's contact could not be saved") : null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Reset(string code, HttpContext http, IDocumentStore store,
        CurrentUser user, TimeProvider clock)
    {
        if (EditorTenant(user) is not { } tenant) return NotEditor();
        if (AgencyKinds.Of(code) is null) return UnknownAgency(code);
        await using var session = store.LightweightSession(tenant);
        return await Keep.Document(http, session, user, clock, code, ct => session.LoadAsync<AgencyContact>(code, ct), c => c.Revision,
            (current, _, _) => current is null ? DocumentDecision<AgencyContact>.Nothing : DocumentDecision<AgencyContact>.Delete(current),
            (_, _) => Task.FromResult(TypedResults.NoContent()));
    }

    private static string? EditorTenant(CurrentUser user) =>
        user.IsInRole(PlatformRoles.TrustLead) && user.SchoolUrn is null ? RouteRuleSets.TrustTenant
        : user.IsInRole(PlatformRoles.Dsl) && user.SchoolUrn is { } urn ? urn
        : null;

    private static async Task<IReadOnlyDictionary<string, AgencyContact>> LoadAsync(IDocumentStore store, string tenant, CancellationToken ct)
    {
        await using var session = store.QuerySession(tenant);
        return (await session.Query<AgencyContact>().ToListAsync(ct)).ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    private static ProblemHttpResult NoSchool() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "The agencies directory is a school's", detail: "Sign in with a school account, or as the trust lead for the trust's defaults.");

    private static ProblemHttpResult NotEditor() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Only the DSL and the trust lead edit the agencies directory",
        detail: "The school's DSL sets the school's contacts; the trust lead sets the trust's defaults.");

    private static ProblemHttpResult UnknownAgency(string code) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "No such agency", detail: $"'{code}' is not in the directory; agencies: {string.Join(", ", AgencyKinds.Codes)}.");
}
