using TrustSafety.Identity.People;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>
/// A member of the trust's staff allowed into TrustSafety: invited by e-mail address by a trust administrator, who sets
/// the school and roles here (never taken from Entra ID or Google). The first external sign-in with that address links
/// the account to that provider's subject; later sign-ins match on the subject. Removal keeps the row (and its audit).
/// </summary>
public sealed class StaffAccount
{
    public Guid Id { get; set; }

    /// <summary>Lower case: the address the person signs in with at the trust's provider.</summary>
    public string Email { get; set; } = "";

    public string Name { get; set; } = "";

    public string? SchoolUrn { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>The external provider (<c>entra</c>, <c>google</c>) and its subject, once the person has signed in.</summary>
    public string? Provider { get; set; }

    public string? ExternalSubject { get; set; }

    public DateTimeOffset InvitedAt { get; set; }

    public string InvitedBy { get; set; } = "";

    public DateTimeOffset? RemovedAt { get; set; }

    public string? RemovedBy { get; set; }

    /// <summary>Bumped by every change: the ETag, and the optimistic concurrency check.</summary>
    public int Version { get; set; }

    public Person AsPerson() => new(Id.ToString(), Email, Name, Roles, SchoolUrn);
}

/// <summary>One change to who may sign in, and every refused external sign-in: kept for the trust's records.</summary>
public sealed class StaffAccessAuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>invited, changed, removed, linked, sign-in-refused, imported.</summary>
    public string Action { get; set; } = "";

    public Guid? AccountId { get; set; }

    public string Email { get; set; } = "";

    /// <summary>Subject and name of the administrator (or <c>configuration</c>, or the person signing in).</summary>
    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string Detail { get; set; } = "";
}
