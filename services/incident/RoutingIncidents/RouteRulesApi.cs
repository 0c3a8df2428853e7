using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.EventSourcing;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RoutingIncidents;

public sealed record RouteRuleInput(
    string? Id, string? Description, string? Source, RouteCondition? When, List<string>? Required, List<string>? Suggested);

/// <summary>A new version of the route rules: the whole set (what replaces the current one) and why it changes.</summary>
public sealed record PublishRouteRulesRequest(List<RouteRuleInput>? Rules, string? Rationale);

public sealed record RouteRulesView(
    int Version, bool IsDefault, string PublishedByName, DateTimeOffset? PublishedAt, string Rationale, IReadOnlyList<RouteRule> Rules,
    IReadOnlyList<RouteStepKind> Steps)
{
    public static RouteRulesView Of(RouteRuleSet s) =>
        new(s.RulesVersion, s.IsDefault, s.PublishedByName, s.PublishedAt, s.Rationale, s.Rules, RouteStepKinds.All);
}

public sealed record RouteRulesVersionSummary(int Version, bool IsDefault, string PublishedByName, DateTimeOffset? PublishedAt, string Rationale, int Rules);

/// <summary>The trust's route rules, stored in the trust's own tenant (no school owns them).</summary>
public static class RouteRuleSets
{
    public const string TrustTenant = "trust";

    /// <summary>The given version (an incident's pinned one), else the current one: the latest published, else the defaults.</summary>
    public static async Task<RouteRuleSet> LoadAsync(IDocumentStore store, int? version, CancellationToken ct)
    {
        if (version == DefaultRouteRules.Version) return DefaultRouteRules.Set;
        await using var session = store.QuerySession(TrustTenant);
        return await LoadAsync(session, version, ct);
    }

    /// <summary>The same, read in the trust's session (the one a publication is saved in).</summary>
    public static async Task<RouteRuleSet> LoadAsync(IQuerySession session, int? version, CancellationToken ct)
    {
        if (version == DefaultRouteRules.Version) return DefaultRouteRules.Set;
        if (version is { } v)
            return await session.LoadAsync<RouteRuleSet>(RouteRuleSet.IdOf(v), ct)
                ?? throw new InvalidOperationException($"Route rules version {v} is pinned by an incident but is not stored.");
        return await session.Query<RouteRuleSet>().OrderByDescending(s => s.RulesVersion).FirstOrDefaultAsync(ct) ?? DefaultRouteRules.Set;
    }

    public static async Task<IReadOnlyList<RouteRuleSet>> AllAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(TrustTenant);
        var published = await session.Query<RouteRuleSet>().OrderBy(s => s.RulesVersion).ToListAsync(ct);
        return [DefaultRouteRules.Set, .. published];
    }
}

/// <summary>
/// Route rules as versioned reference data: anyone signed in reads them; the trust lead publishes a new version
/// (If-Match: the current version). Publishing never touches an incident: each keeps the version it was triaged under.
/// </summary>
public static class RouteRulesApi
{
    public const int MaxRules = 200;

    public static FieldErrors Validate(PublishRouteRulesRequest request)
    {
        var errors = new FieldErrors()
            .Required(request.Rationale, "rationale", "why the trust changes its route rules (e.g. the policy review that asked for it).")
            .When(request.Rules is null or { Count: 0 }, "rules", "rules is required: the whole set of rules of the new version (at least one).")
            .When(request.Rules is { Count: > MaxRules }, "rules", $"at most {MaxRules} rules.");
        var rules = request.Rules ?? [];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count && i < MaxRules; i++)
        {
            var r = rules[i];
            var at = $"rules[{i}]";
            if (r is null) { errors.Add(at, $"{at} is empty; give id, description, when and the steps."); continue; }
            errors.Required(r.Id, $"{at}.id", "a short kebab-case name for the rule, unique in the set (e.g. \"illegal\").", 64)
                .When(r.Id is not null && !ids.Add(r.Id), $"{at}.id", $"'{r.Id}' is used by an earlier rule; ids are unique.")
                .Required(r.Description, $"{at}.description", "what situation the rule is for, in words the DSL reads.", 200)
                .When(r.Source?.Length > 1000, $"{at}.source", "source must be at most 1000 characters.")
                .When(r.When is null, $"{at}.when", "when is required: the conditions (illegal, categories, fourC, minSeverity, personRoles); {} applies to every triage.")
                .When((r.Required?.Count ?? 0) + (r.Suggested?.Count ?? 0) == 0, $"{at}.required",
                    $"a rule requires or suggests at least one step; steps: {ReferenceLists.OneOf(RouteStepKinds.Codes)}.");
            foreach (var step in (r.Required ?? []).Where(s => !RouteStepKinds.Codes.Contains(s, StringComparer.Ordinal)))
                errors.Add($"{at}.required", $"'{step}' is not a step; use one of: {ReferenceLists.OneOf(RouteStepKinds.Codes)}.");
            foreach (var step in (r.Suggested ?? []).Where(s => !RouteStepKinds.Codes.Contains(s, StringComparer.Ordinal)))
                errors.Add($"{at}.suggested", $"'{step}' is not a step; use one of: {ReferenceLists.OneOf(RouteStepKinds.Codes)}.");
            if (r.When is not { } when) continue;
            foreach (var c in (when.Categories ?? []).Where(c => !IncidentCategories.All.Contains(c, StringComparer.Ordinal)))
                errors.Add($"{at}.when.categories", $"'{c}' is not a category of list {IncidentCategories.Version}; use one of: {ReferenceLists.OneOf(IncidentCategories.All)}.");
            foreach (var c in (when.FourC ?? []).Where(c => !FourC.All.Contains(c, StringComparer.Ordinal)))
                errors.Add($"{at}.when.fourC", $"'{c}' is not a 4C area; use one of: {ReferenceLists.OneOf(FourC.All)}.");
            foreach (var role in (when.PersonRoles ?? []).Where(p => !ReferenceLists.PersonRoles.Contains(p, StringComparer.Ordinal)))
                errors.Add($"{at}.when.personRoles", $"'{role}' is not a person's role; use one of: {ReferenceLists.OneOf(ReferenceLists.PersonRoles)}.");
            errors.When(when.MinSeverity is < 1 or > 5, $"{at}.when.minSeverity", "minSeverity is a whole number from 1 to 5.");
        }
        return errors;
    }

    public static RouteRule ToRule(RouteRuleInput r) => new(r.Id!.Trim(), r.Description!.Trim(), r.Source?.Trim(), r.When!,
        (r.Required ?? []).Distinct(StringComparer.Ordinal).ToList(), (r.Suggested ?? []).Distinct(StringComparer.Ordinal).Where(s => r.Required?.Contains(s) != true).ToList());

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/route-rules", async (HttpContext http, IDocumentStore store) =>
            {
                var current = await RouteRuleSets.LoadAsync(store, null, http.RequestAborted);
                http.Response.SetETag(current.RulesVersion);
                return TypedResults.Ok(RouteRulesView.Of(current));
            })
            .WithName("GetRouteRules")
            .WithSummary("The current route rules (ETag = version) and the steps they can ask for (any signed-in user)");

        group.MapGet("/route-rules/versions", async (IDocumentStore store, CancellationToken ct) =>
                TypedResults.Ok((await RouteRuleSets.AllAsync(store, ct)).Select(s =>
                    new RouteRulesVersionSummary(s.RulesVersion, s.IsDefault, s.PublishedByName, s.PublishedAt, s.Rationale, s.Rules.Count)).ToList()))
            .WithName("ListRouteRulesVersions")
            .WithSummary("Every version of the route rules: who published it, when and why (any signed-in user)");

        group.MapGet("/route-rules/{version:int}", async Task<Results<Ok<RouteRulesView>, ProblemHttpResult>> (int version, IDocumentStore store,
                CancellationToken ct) =>
            {
                var found = (await RouteRuleSets.AllAsync(store, ct)).FirstOrDefault(s => s.RulesVersion == version);
                return found is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such route rules version",
                        detail: $"Route rules version {version} was never published; GET /route-rules/versions lists them.")
                    : TypedResults.Ok(RouteRulesView.Of(found));
            })
            .WithName("GetRouteRulesVersion")
            .WithSummary("One version of the route rules, as incidents triaged under it keep it (any signed-in user)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/route-rules", Publish)
            .RequireAuthorization(PlatformPolicies.TrustLead)
            .WithName("PublishRouteRules")
            .WithSummary("Publish a new version of the route rules (trust lead; If-Match: the current version). Incidents keep theirs.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    /// <summary>Pure: the next version of the route rules over <paramref name="current"/>, from a request <see cref="Validate"/> passed.</summary>
    public static DocumentDecision<RouteRuleSet> DecidePublication(RouteRuleSet current, PublishRouteRulesRequest request, Actor actor, DateTimeOffset now)
    {
        var next = current.RulesVersion + 1;
        return DocumentDecision<RouteRuleSet>.Store(new RouteRuleSet
        {
            Id = RouteRuleSet.IdOf(next), RulesVersion = next, Rules = request.Rules!.Select(ToRule).ToList(), PublishedBy = actor.Id,
            PublishedByName = actor.Name, PublishedAt = now, Rationale = request.Rationale!.Trim(),
        });
    }

    // A publication never changes a stored version: it stores the next one, so the set's latest version is its revision.
    private static async Task<Results<Created<RouteRulesView>, ValidationProblem, ProblemHttpResult>> Publish(
        PublishRouteRulesRequest request, HttpContext http, IDocumentStore store, CurrentUser user, TimeProvider clock)
    {
        await using var session = store.LightweightSession(RouteRuleSets.TrustTenant);
        return await Keep.Document(http, session, user, clock, "route-rules",
            async ct => await RouteRuleSets.LoadAsync(session, null, ct), set => set.RulesVersion,
            (current, actor, now) => DecidePublication(current!, request, actor, now),
            (published, version) => Task.FromResult(TypedResults.Created($"/route-rules/{version}", RouteRulesView.Of(published!))),
            parse: () => Validate(request) is { Any: true } errors ? errors.Problem("The route rules could not be published") : null);
    }
}
