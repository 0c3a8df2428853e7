using TrustSafety.Platform;

namespace TrustSafety.Reporting.Grants;

public sealed record ReadView(string By, string ByName, string What, DateTimeOffset At);
/// <summary>A grant as its holder and the school's DSL see it; <see cref="Version"/> is the grant's stream version (send it as If-Match to revoke).</summary>
public sealed record GrantView(Guid Id, string SchoolUrn, string SchoolName, string GrantedTo, string GrantedToName, string Reason,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string Status, IReadOnlyList<ReadView> Reads, long Version)
{
    public static GrantView Of(DrillDownGrant g, TrustSchools trust, IReadOnlyList<ReadView> reads, DateTimeOffset now, long version) =>
        new(g.Id, g.SchoolUrn, trust.Find(g.SchoolUrn)?.Name ?? g.SchoolUrn, g.GrantedTo, g.GrantedToName, g.Reason, g.IssuedAt, g.ExpiresAt,
            g.RevokedAt, g.StatusAt(now), reads, version);
}
