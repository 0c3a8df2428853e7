namespace TrustSafety.Reporting.Grants;

public sealed record DrillDownGrantIssued(Guid GrantId, string SchoolUrn, string GrantedTo, string GrantedToName, string Reason,
    DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

public sealed record DrillDownGrantRevoked(Guid GrantId, string By, DateTimeOffset At);

/// <summary>One read of a school's detail under a grant (its own stream: reads never contend).</summary>
public sealed record DrillDownRead(Guid GrantId, string SchoolUrn, string By, string ByName, string What, DateTimeOffset At);

/// <summary>A time-limited grant for a trust lead to see one school's detail; lives in that school's tenant so its DSL sees it.</summary>
public sealed class DrillDownGrant
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string GrantedTo { get; set; } = "";
    public string GrantedToName { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public static DrillDownGrant Create(DrillDownGrantIssued e) => new()
    {
        Id = e.GrantId, SchoolUrn = e.SchoolUrn, GrantedTo = e.GrantedTo, GrantedToName = e.GrantedToName, Reason = e.Reason,
        IssuedAt = e.IssuedAt, ExpiresAt = e.ExpiresAt,
    };

    public void Apply(DrillDownGrantRevoked e)
    {
        RevokedAt = e.At;
        RevokedBy = e.By;
    }

    public string StatusAt(DateTimeOffset now) => RevokedAt is not null ? "revoked" : now >= ExpiresAt ? "expired" : "active";
}

/// <summary>The school-visible record of one <see cref="DrillDownRead"/>, written with the event.</summary>
public sealed class GrantRead
{
    public Guid Id { get; set; }
    public Guid GrantId { get; set; }
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
    public string What { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
