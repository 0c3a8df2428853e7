using System.Net;
using System.Net.Sockets;

namespace TrustSafety.FilteringIngest.Sources;

public static class SourceStates
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Revoked = "revoked";
}

/// <summary>A secret as stored: encrypted, never in clear. Current when ValidUntil is null; during rotation the old one keeps a deadline.</summary>
public sealed record StoredSecret(string Encrypted, DateTimeOffset CreatedAt, DateTimeOffset? ValidUntil);

/// <summary>A vendor connection: one school's, or the whole trust's (SchoolUrn null; events attributed per device/IP).</summary>
public sealed class Source
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Format { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string? SchoolUrn { get; set; }
    public string State { get; set; } = SourceStates.Active;
    public string[] AllowedSenders { get; set; } = [];
    public int RateLimitPerSecond { get; set; }
    public Dictionary<string, string> CategoryMap { get; set; } = new(StringComparer.Ordinal);
    public string TimeZone { get; set; } = "Europe/London";
    public List<StoredSecret> Secrets { get; set; } = [];
    public DateTimeOffset RegisteredAt { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";

    /// <summary>
    /// The source's ETag: 1 when registered, one more at each change (pause, resume, revoke, rotation). A change names the
    /// revision it was made on (If-Match), so a rotation can never write back a source revoked in between.
    /// </summary>
    public long Revision { get; set; }

    /// <summary>A draft to change: the secrets, senders and category map are the copy's own.</summary>
    public Source Draft()
    {
        var draft = (Source)MemberwiseClone();
        draft.Secrets = [.. Secrets];
        draft.AllowedSenders = [.. AllowedSenders];
        draft.CategoryMap = new Dictionary<string, string>(CategoryMap, StringComparer.Ordinal);
        return draft;
    }

    public bool IsTrustWide => SchoolUrn is null;
    public string HomeTenant => SchoolUrn ?? IngestTenants.Trust;

    public IEnumerable<StoredSecret> ValidSecrets(DateTimeOffset now) =>
        State == SourceStates.Revoked ? [] : Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now);

    /// <summary>Records who changed the source last, and when.</summary>
    public void Touch(DateTimeOffset now, string by)
    {
        ChangedAt = now;
        ChangedBy = by;
    }
}

/// <summary>Who may manage which sources: a school's IT admin its own school's; a trust IT admin (no school claim) all.</summary>
public sealed record AdminScope(string? SchoolUrn)
{
    public bool TrustWide => SchoolUrn is null;
    public bool CanSee(Source source) => TrustWide || source.SchoolUrn == SchoolUrn;
}

/// <summary>
/// Syslog allow-lists: single addresses or CIDR ranges no wider than the configured prefix. Ranges of live sources may
/// not overlap, so a sender belongs to at most one source; routing still takes the most specific entry (then the
/// earliest registration) so that overlaps stored before this rule route the same way every time.
/// </summary>
public static class SenderAllowList
{
    public static bool IsValidEntry(string entry) => TryParse(entry, out _);

    /// <summary>An entry as a network: a single address is its own /32 or /128; IPv4-mapped IPv6 becomes IPv4.</summary>
    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry) || entry.Length > 64) return false;
        if (IPAddress.TryParse(entry, out var single))
        {
            if (single.IsIPv4MappedToIPv6) single = single.MapToIPv4();
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(entry, out network);
    }

    /// <summary>Entries wider than the narrowest range an IT admin may claim (e.g. /24, /64), as written.</summary>
    public static IReadOnlyList<string> TooWide(IEnumerable<string> entries, int minIPv4Prefix, int minIPv6Prefix) =>
        entries.Where(e => TryParse(e, out var n)
            && n.PrefixLength < (n.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? minIPv4Prefix : minIPv6Prefix)).ToList();

    public static bool Overlaps(IPNetwork a, IPNetwork b) =>
        a.BaseAddress.AddressFamily == b.BaseAddress.AddressFamily && (a.Contains(b.BaseAddress) || b.Contains(a.BaseAddress));

    public static bool Allows(IEnumerable<string> entries, IPAddress sender) => Specificity(entries, sender) >= 0;

    /// <summary>The longest prefix among the entries that hold the sender; -1 when none does.</summary>
    public static int Specificity(IEnumerable<string> entries, IPAddress sender)
    {
        if (sender.IsIPv4MappedToIPv6) sender = sender.MapToIPv4();
        var best = -1;
        foreach (var entry in entries)
            if (TryParse(entry, out var network) && network.Contains(sender) && network.PrefixLength > best) best = network.PrefixLength;
        return best;
    }

    /// <summary>The one source a sender's lines belong to: the most specific entry wins, then the earliest registration.</summary>
    public static T? Route<T>(IEnumerable<T> candidates, Func<T, Source> source, IPAddress sender) where T : class =>
        candidates.Select(c => (Candidate: c, Prefix: Specificity(source(c).AllowedSenders, sender)))
            .Where(x => x.Prefix >= 0)
            .OrderByDescending(x => x.Prefix).ThenBy(x => source(x.Candidate).RegisteredAt).ThenBy(x => source(x.Candidate).Id)
            .Select(x => x.Candidate).FirstOrDefault();
}

/// <summary>An allow-list entry that overlaps an entry of another live (not revoked) source.</summary>
public sealed record SenderConflict(string Entry, Guid SourceId, string SourceName, string? SchoolUrn, string TheirEntry)
{
    public string Describe() =>
        $"{Entry} overlaps {TheirEntry} of source {SourceId} (\"{SourceName}\", {(SchoolUrn is null ? "trust-wide" : "school " + SchoolUrn)})";

    /// <summary>Every overlap between the proposed entries and the live sources' entries (revoked sources no longer count).</summary>
    public static IReadOnlyList<SenderConflict> Find(IEnumerable<string> proposed, IEnumerable<Source> others, Guid? self = null)
    {
        var conflicts = new List<SenderConflict>();
        foreach (var entry in proposed)
        {
            if (!SenderAllowList.TryParse(entry, out var mine)) continue;
            foreach (var other in others.Where(o => o.State != SourceStates.Revoked && o.Id != self))
                foreach (var theirs in other.AllowedSenders)
                    if (SenderAllowList.TryParse(theirs, out var network) && SenderAllowList.Overlaps(mine, network))
                        conflicts.Add(new SenderConflict(entry, other.Id, other.Name, other.SchoolUrn, theirs));
        }
        return conflicts;
    }
}
