using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;

namespace TrustSafety.Reporting.Grants;

/// <summary>A trust lead ends their own drill-down grant at once (on the one change path: If-Match is the grant's version).</summary>
public static class RevokeGrant
{
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
