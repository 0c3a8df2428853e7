using TrustSafety.Notifications.Notices;
using TrustSafety.Platform;

namespace TrustSafety.Notifications.Recipients;

public enum DeputyCover
{
    /// <summary>The deputy is emailed only when no DSL of the school can be (away, or no address).</summary>
    WhenDslUnavailable,
    /// <summary>The deputy is emailed with the DSL every time.</summary>
    Always,
}

/// <summary>
/// One person's email settings, set by themselves (id = their <c>sub</c>) in their school's tenant, or in the trust's for the
/// trust lead. Roles are those of the token they saved with: a role lost at identity stops mail at their next save or
/// when the school's DSL removes them.
/// </summary>
public sealed class StaffPreferences : Marten.Metadata.ITenanted
{
    public string Id { get; set; } = "";
    /// <summary>Their school's URN (or the trust's tenant), filled by Marten: the daily digest reads every school at once.</summary>
    public string? TenantId { get; set; }
    public string Name { get; set; } = "";
    public string[] Roles { get; set; } = [];
    public string? Email { get; set; }
    /// <summary>Urgent emails at once (new concerns, serious alerts); off keeps in-app notifications only.</summary>
    public bool UrgentEmails { get; set; } = true;
    public DeputyCover DeputyCover { get; set; } = DeputyCover.WhenDslUnavailable;
    /// <summary>Out of office until then: their urgent email goes to the deputy instead.</summary>
    public DateTimeOffset? AwayUntil { get; set; }
    /// <summary>One email each school day summarising what needs their attention (counts only); off by default.</summary>
    public bool DailyDigest { get; set; }
    /// <summary>When the digest is sent, in school time (Europe/London).</summary>
    public TimeOnly DigestAt { get; set; } = Digest.DailyDigest.DefaultTime;
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Has(string role) => Roles.Contains(role);
    public bool Reachable(DateTimeOffset now) => UrgentEmails && !string.IsNullOrWhiteSpace(Email) && !(AwayUntil > now);
}

/// <summary>Who is emailed about a notice, decided without I/O from the school's preferences at that moment.</summary>
public static class RecipientSelection
{
    public static IReadOnlyList<StaffPreferences> For(Audience audience, IReadOnlyList<StaffPreferences> people, DateTimeOffset now,
        string? recipientId = null)
    {
        var reachable = people.Where(p => p.Reachable(now)).ToList();
        // A task is one person's: nobody covers it by email (the DSL sees it overdue in the queue).
        if (audience == Audience.Person) return [.. reachable.Where(p => p.Id == recipientId)];
        if (audience == Audience.TrustLead) return [.. reachable.Where(p => p.Has(Roles.TrustLead))];

        var dsls = reachable.Where(p => p.Has(Roles.Dsl)).ToList();
        var heads = reachable.Where(p => p.Has(Roles.Headteacher));
        if (audience == Audience.AllegationReaders) return Distinct([.. dsls, .. heads]);

        var deputies = reachable.Where(p => p.Has(Roles.DeputyDsl) && !p.Has(Roles.Dsl))
            .Where(p => dsls.Count == 0 || p.DeputyCover == DeputyCover.Always).ToList();
        var chosen = Distinct([.. dsls, .. deputies]);
        // With no DSL or deputy to reach, the headteacher is the school's last safeguarding lead.
        return chosen.Count > 0 ? chosen : Distinct([.. heads]);
    }

    private static List<StaffPreferences> Distinct(IEnumerable<StaffPreferences> people) => [.. people.DistinctBy(p => p.Id, StringComparer.Ordinal)];
}

public static class Roles
{
    public const string TrustLead = Platform.PlatformRoles.TrustLead;
    public const string Dsl = Platform.PlatformRoles.Dsl;
    public const string DeputyDsl = Platform.PlatformRoles.DeputyDsl;
    public const string Headteacher = Platform.PlatformRoles.Headteacher;
}
