using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.Grants;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.RevokingGrants;

/// <summary>A trust lead ends their own drill-down grant at once (on the one change path: If-Match is the grant's version).</summary>
public static class RevokeGrant
{
    public static WebApplication MapRevokeGrant(this WebApplication app)
    {
        app.MapGroup("/grants").WithTags("grants")
            .MapDelete("/{id:guid}", Revoke).WithName("RevokeDrillDownGrant").RequireAuthorization(PlatformPolicies.TrustLead)
            .WithSummary("Trust lead: revoke their own grant at once (If-Match: the grant's version; 409 when already revoked)")
            .RequiresIfMatch() // before the grant's school is looked for: a request without it is a 428, found or not
            .ProducesChangeProblems();
        return app;
    }

    /// <summary>
    /// The grant lives in its school's tenant (so that school's DSL sees it): find which of the trust's schools holds it, then
    /// revoke it there on the one change path (428 → 404 / not the holder's: 404 → 412 → 409 → revoked, with the new ETag).
    /// </summary>
    private static async Task<Results<Ok<GrantView>, ValidationProblem, ProblemHttpResult>> Revoke(
        Guid id, HttpContext http, CurrentUser user, IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var school = await SchoolOf(store, trust, id, ct);
        if (school is null) return NotFound();
        await using var session = store.LightweightSession(school);
        return await Change.Apply<DrillDownGrant, GrantView>(http, session, user, time, id, Decide,
            applied => GrantView.Of(After(applied.Before!, applied.Decision), trust, [], time.GetUtcNow(), applied.Version),
            new ChangeRules<DrillDownGrant> { NotFound = NotFound, Admit = Admit });
    }

    /// <summary>The school (tenant) of the trust holding the grant, whoever holds it; null when none does.</summary>
    private static async Task<string?> SchoolOf(IDocumentStore store, TrustSchools trust, Guid id, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var grant = await session.Query<DrillDownGrant>().Where(g => g.TenantIsOneOf(trust.Schools.Select(s => s.Urn).ToArray()))
            .FirstOrDefaultAsync(g => g.Id == id, ct);
        return grant?.SchoolUrn;
    }

    /// <summary>Only the holder may revoke a grant; anyone else's is not found (no sign that it exists), never a 412.</summary>
    public static ProblemHttpResult? Admit(DrillDownGrant grant, Actor actor) =>
        string.Equals(grant.GrantedTo, actor.Id, StringComparison.Ordinal) ? null : NotFound();

    /// <summary>A trust lead looks among their own grants, not in a school.</summary>
    public static ProblemHttpResult NotFound() => Rejections.NotFound("Grant", "among your grants");

    /// <summary>Pure: a grant not yet revoked is revoked now (an expired one too); a revoked one stays as it is (409).</summary>
    public static Decision Decide(DrillDownGrant grant, Actor actor, DateTimeOffset now) =>
        grant.RevokedAt is not null
            ? Decision.Conflict("Grant already revoked", "Nothing changed.")
            : Decision.Accept(new DrillDownGrantRevoked(grant.Id, actor.Id, now));

    /// <summary>The grant as the accepted decision leaves it.</summary>
    public static DrillDownGrant After(DrillDownGrant grant, Decision decision)
    {
        foreach (var revoked in decision.Events.OfType<DrillDownGrantRevoked>()) grant.Apply(revoked);
        return grant;
    }
}
