using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.FilteringIngest.ConnectingSources;

public sealed record RegisterSource(
    string? Name, string? Format, string? SchoolUrn, string[]? AllowedSenders, int? RateLimitPerSecond,
    Dictionary<string, string>? CategoryMap, string? TimeZone);

/// <summary>The widest allow-list ranges accepted (Ingest:Syslog:MinIPv4PrefixLength / MinIPv6PrefixLength).</summary>
public sealed record SenderLimits(int MinIPv4Prefix, int MinIPv6Prefix)
{
    public static readonly SenderLimits Default = new(24, 64);
}

/// <summary>
/// An IT admin connects a vendor: registers a source (one school's, or trust-wide) and is shown its secret once.
/// The decider is pure: given the command, the caller and time → the new source, or every problem with the command.
/// </summary>
public static class ConnectSource
{
    public static void MapConnectSource(this RouteGroupBuilder sources) =>
        sources.MapPost("/", Register).WithName("RegisterSource");

    public static (Source? Source, Dictionary<string, string[]> Errors) Decide(
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
            Revision = 1,
        }, errors);
    }

    private static async Task<Results<Created<SourceWithSecret>, ValidationProblem, ProblemHttpResult>> Register(RegisterSource command, HttpContext http, [AsParameters] SourcesApi.Ctx c, CancellationToken ct)
    {
        var secret = SecretProtector.NewSecret();
        var options = c.Options.Value;
        var (source, errors) = Decide(command, c.Scope, c.Adapters.Formats, Guid.CreateVersion7(), c.Protector.Encrypt(secret),
            options.DefaultRateLimitPerSecond, c.Time.GetUtcNow(), c.User.Id,
            new SenderLimits(options.Syslog.MinIPv4PrefixLength, options.Syslog.MinIPv6PrefixLength), c.Schools.Schools.Select(s => s.Urn).ToHashSet(StringComparer.Ordinal));
        if (source is null) return TypedResults.ValidationProblem(errors, title: "The source cannot be registered");
        source.Vendor = c.Adapters.For(source.Format)!.Vendor;
        await using var session = c.Session();
        if (source.AllowedSenders.Length > 0)
        {
            // One registration with senders at a time (a transaction-scoped advisory lock), so two overlapping ranges
            // registered at the same moment cannot both pass the check.
            await session.LockForTransactionAsync("ingest/source-senders", ct);
            var live = await session.Query<Source>().Where(s => s.State != SourceStates.Revoked).ToListAsync(ct);
            if (SenderConflict.Find(source.AllowedSenders, live) is { Count: > 0 } conflicts)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "An allowed sender is already another source's",
                    detail: $"{string.Join("; ", conflicts.Select(x => x.Describe()))}. Syslog from one address can belong to one source only: " +
                        "list only this school's own firewall address(es), or revoke the other source first (a trust IT admin can see both).",
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["field"] = "allowedSenders",
                        ["conflicts"] = conflicts.Select(x => new { entry = x.Entry, sourceId = x.SourceId, sourceEntry = x.TheirEntry }).ToList(),
                    });
        }
        session.Insert(source);
        await session.SaveChangesAsync(ct);
        c.Directory.Invalidate(source.Id);
        http.Response.SetETag(source.Revision);
        return TypedResults.Created($"/sources/{source.Id}", new SourceWithSecret(SourceView.Of(source), secret));
    }
}
