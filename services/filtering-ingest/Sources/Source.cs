using System.Net;
using System.Net.Sockets;
using TrustSafety.FilteringIngest.Adapters;

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

    public bool IsTrustWide => SchoolUrn is null;
    public string HomeTenant => SchoolUrn ?? IngestTenants.Trust;

    public IEnumerable<StoredSecret> ValidSecrets(DateTimeOffset now) =>
        State == SourceStates.Revoked ? [] : Secrets.Where(s => s.ValidUntil is null || s.ValidUntil > now);
}

/// <summary>Who may manage which sources: a school's IT admin its own school's; a trust IT admin (no school claim) all.</summary>
public sealed record AdminScope(string? SchoolUrn)
{
    public bool TrustWide => SchoolUrn is null;
    public bool CanSee(Source source) => TrustWide || source.SchoolUrn == SchoolUrn;
}

public sealed record RegisterSource(
    string? Name, string? Format, string? SchoolUrn, string[]? AllowedSenders, int? RateLimitPerSecond,
    Dictionary<string, string>? CategoryMap, string? TimeZone);

/// <summary>Pure decisions about sources: given state, command and time → new state, or every problem with the command.</summary>
/// <summary>The widest allow-list ranges accepted (Ingest:Syslog:MinIPv4PrefixLength / MinIPv6PrefixLength).</summary>
public sealed record SenderLimits(int MinIPv4Prefix, int MinIPv6Prefix)
{
    public static readonly SenderLimits Default = new(24, 64);
}

public static class SourceDecisions
{
    public static (Source? Source, Dictionary<string, string[]> Errors) Register(
        RegisterSource command, AdminScope caller, IReadOnlyCollection<string> formats, Guid id, string encryptedSecret,
        int defaultRate, DateTimeOffset now, string by, SenderLimits? senderLimits = null, IReadOnlySet<string>? trustSchools = null)
    {
        var limits = senderLimits ?? SenderLimits.Default;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(command.Name) || command.Name.Length > 200)
            errors["name"] = ["Give the source a name of 1–200 characters, e.g. \"Blakehill FortiGate\"."];
        if (command.Format is null || !formats.Contains(command.Format, StringComparer.OrdinalIgnoreCase))
            errors["format"] = [$"Format must be one of: {string.Join(", ", formats.Order(StringComparer.Ordinal))}."];
        string? school = command.SchoolUrn;
        if (!caller.TrustWide)
        {
            if (school is not null && school != caller.SchoolUrn)
                errors["schoolUrn"] = ["A school IT admin registers sources for their own school only; leave schoolUrn empty."];
            school = caller.SchoolUrn;
        }
        else if (school is not null && (school.Length != 6 || !school.All(char.IsAsciiDigit)))
            errors["schoolUrn"] = ["schoolUrn is a 6-digit DfE URN, or empty for a trust-wide source."];
        else if (school is not null && trustSchools is not null && !trustSchools.Contains(school))
            errors["schoolUrn"] = [$"{school} is not one of this trust's schools ({string.Join(", ", trustSchools.Order(StringComparer.Ordinal))}). " +
                "Use one of them, or leave schoolUrn empty for a trust-wide source; a new academy is added under Trust:Schools first."];
        var senders = command.AllowedSenders ?? [];
        var badSenders = senders.Where(s => !SenderAllowList.IsValidEntry(s)).ToArray();
        var tooWide = SenderAllowList.TooWide(senders, limits.MinIPv4Prefix, limits.MinIPv6Prefix);
        if (badSenders.Length > 0)
            errors["allowedSenders"] = [$"Not an IP address or CIDR range (with no bits set after the prefix): {string.Join(", ", badSenders)}."];
        else if (senders.Length > 100)
            errors["allowedSenders"] = ["List at most 100 allowed senders: the firewall's own addresses or small ranges."];
        else if (tooWide.Count > 0)
            errors["allowedSenders"] = [$"{string.Join(", ", tooWide)} is wider than this trust allows (IPv4 /{limits.MinIPv4Prefix}, " +
                $"IPv6 /{limits.MinIPv6Prefix} at most): list the firewall's own address, or a range of /{limits.MinIPv4Prefix} or narrower."];
        if (command.RateLimitPerSecond is { } rate && rate is < 1 or > 100_000)
            errors["rateLimitPerSecond"] = ["rateLimitPerSecond must be between 1 and 100000 requests per second."];
        // Umbrella's S3 logs are written in UTC; every other format's naive times are the school's local time by default.
        var zone = command.TimeZone ?? (string.Equals(command.Format, UmbrellaDnsCsvAdapter.FormatName, StringComparison.OrdinalIgnoreCase)
            ? "UTC" : "Europe/London");
        if (SourceZones.Find(zone) is null)
            errors["timeZone"] = ["timeZone must be an IANA zone id such as Europe/London."];
        if (command.CategoryMap is { Count: > 5000 })
            errors["categoryMap"] = ["categoryMap holds at most 5000 host → category entries."];
        if (errors.Count > 0) return (null, errors);

        return (new Source
        {
            Id = id,
            Name = command.Name!.Trim(),
            Format = formats.First(f => f.Equals(command.Format, StringComparison.OrdinalIgnoreCase)),
            SchoolUrn = school,
            AllowedSenders = senders,
            RateLimitPerSecond = command.RateLimitPerSecond ?? defaultRate,
            CategoryMap = command.CategoryMap?.ToDictionary(kv => kv.Key.Trim().ToLowerInvariant(), kv => kv.Value.Trim(), StringComparer.Ordinal) ?? new(StringComparer.Ordinal),
            TimeZone = zone,
            Secrets = [new StoredSecret(encryptedSecret, now, null)],
            RegisteredAt = now,
            RegisteredBy = by,
            ChangedAt = now,
            ChangedBy = by,
        }, errors);
    }

    public static string? RotateSecret(Source source, string encryptedSecret, TimeSpan overlap, DateTimeOffset now, string by)
    {
        if (source.State == SourceStates.Revoked) return "A revoked source has no secrets to rotate; register a new source.";
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(7)) return "overlapMinutes must be between 0 and 10080 (7 days).";
        source.Secrets = source.Secrets
            .Where(s => s.ValidUntil is null || s.ValidUntil > now)
            .Select(s => s.ValidUntil is null ? s with { ValidUntil = now + overlap } : s)
            .Where(s => s.ValidUntil > now)
            .Append(new StoredSecret(encryptedSecret, now, null))
            .ToList();
        Touch(source, now, by);
        return null;
    }

    public static string? Pause(Source source, DateTimeOffset now, string by)
    {
        if (source.State != SourceStates.Active) return $"Only an active source can be paused; this one is {source.State}.";
        source.State = SourceStates.Paused;
        Touch(source, now, by);
        return null;
    }

    public static string? Resume(Source source, DateTimeOffset now, string by)
    {
        if (source.State != SourceStates.Paused) return $"Only a paused source can be resumed; this one is {source.State}.";
        source.State = SourceStates.Active;
        Touch(source, now, by);
        return null;
    }

    public static string? Revoke(Source source, DateTimeOffset now, string by)
    {
        if (source.State == SourceStates.Revoked) return "The source is already revoked.";
        source.State = SourceStates.Revoked;
        source.Secrets = [];
        Touch(source, now, by);
        return null;
    }

    private static void Touch(Source source, DateTimeOffset now, string by)
    {
        source.ChangedAt = now;
        source.ChangedBy = by;
    }
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
