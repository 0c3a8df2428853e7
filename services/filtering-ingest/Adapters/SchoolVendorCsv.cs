using System.Globalization;
using System.Text.RegularExpressions;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// What the school-vendor exports (Securly, Netsweeper, Impero, Linewize) share: the many words vendors use for an
/// action, category cells that hold lists, and numeric dates whose day and month order is not known.
/// </summary>
internal static partial class SchoolVendorCsv
{
    /// <summary>The action words seen in school filters' exports, any case; null when the word is not one of them.</summary>
    public static string? Action(string? raw) => raw?.Trim().ToLowerInvariant() switch
    {
        "blocked" or "block" or "denied" or "deny" or "redirected" or "rejected" or "refused" or "dropped" or "filtered" or "quarantined" => FilterActions.Blocked,
        "allowed" or "allow" or "pass" or "passed" or "permitted" or "accepted" or "ok" or "bypassed" or "unblocked" => FilterActions.Allowed,
        "warned" or "warn" or "warning" or "coached" or "override" or "overridden" or "proceeded" or "continue" => FilterActions.Warned,
        "flagged" or "flag" or "monitored" or "monitor" or "logged" or "log" or "alert" or "alerted" or "reported" => FilterActions.Monitored,
        "captured" or "capture" => FilterActions.Captured,
        _ => null,
    };

    public const string ActionWords = "Blocked, Allowed, Warned, Flagged or Captured (Denied, Redirected, Pass, Warn and Monitored are read too)";

    /// <summary>
    /// An action column that some exports fill with a yes/no "Blocked"/"Denied" flag instead of a word: yes is blocked, no is
    /// allowed, anything else is read as an action word. <paramref name="digits"/> also reads 1/0 and y/n.
    /// </summary>
    public static string? ActionOrBlockedFlag(string? word, bool digits = false) => word?.ToLowerInvariant() switch
    {
        "yes" or "true" => FilterActions.Blocked,
        "no" or "false" => FilterActions.Allowed,
        "1" or "y" when digits => FilterActions.Blocked,
        "0" or "n" when digits => FilterActions.Allowed,
        _ => Action(word),
    };

    /// <summary>The record's action column could not be read: empty (with what to give instead), or not an action word.</summary>
    public static RecordError UnreadableAction(int index, string field, string? word, string whenEmpty) => new(index, field, word is null
        ? $"{field} is empty: {whenEmpty}"
        : $"{field} '{Text.Excerpt(word, 30)}' is not {ActionWords}.");

    /// <summary>The labels of every given cell (each may be a comma, semicolon or pipe list), without repeats.</summary>
    public static IReadOnlyList<VendorCategory> Categories(params string?[] cells)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<VendorCategory>();
        foreach (var cell in cells)
            foreach (var category in Text.Labels(cell))
                if (category.Label is { } label && seen.Add(label)) result.Add(category);
        return result;
    }

    /// <summary>A category id column ("Category ID" 12) joined to the first label, so both id and name are looked up.</summary>
    public static IReadOnlyList<VendorCategory> WithId(IReadOnlyList<VendorCategory> labels, string? id)
    {
        if (id is null) return labels;
        if (labels.Count == 0) return [new VendorCategory(id, null)];
        return [new VendorCategory(id, labels[0].Label), .. labels.Skip(1)];
    }

    [GeneratedRegex(@"^\s*(?<a>\d{1,2})[/.-](?<b>\d{1,2})[/.-](?<y>\d{4})(?<rest>(?:[ T].*)?)$", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericDate();

    /// <summary>
    /// A vendor time where a numeric date may be day-first (UK) or month-first (US): read day-first as every UK export is,
    /// unless only the month-first reading is a date (11/21/2026). When both readings are dates and differ (03/04/2026),
    /// the record is refused naming the field rather than guessed.
    /// </summary>
    public static bool TryTimeEitherOrder(string? cell, AdapterContext context, int index, string field, out DateTimeOffset utc,
        out string? local, out string? zone, out RecordError? error)
    {
        (utc, local, zone, error) = (default, null, null, null);
        var m = cell is null ? null : NumericDate().Match(cell);
        if (m is null || !m.Success)
        {
            if (Text.TryParseTime(cell, context, context.Zone, out utc, out local, out zone)) return true;
            error = Unreadable(cell, index, field);
            return false;
        }
        var (a, b) = (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
        var y = m.Groups["y"].Value;
        var rest = m.Groups["rest"].Value;
        if (a <= 12 && b <= 12 && a != b)
        {
            error = new RecordError(index, field, $"'{Text.Excerpt(cell, 40)}' could be {a} {Month(b)} or {b} {Month(a)}: export dates as yyyy-MM-dd (ISO 8601) so the day and month cannot be mixed up.");
            return false;
        }
        // Day-first, or month-first turned round to day-first when only that reading is a date.
        var dayFirst = a <= 31 && b <= 12 ? $"{a:00}/{b:00}/{y}{rest}" : $"{b:00}/{a:00}/{y}{rest}";
        if (Text.TryParseTime(dayFirst, context, context.Zone, out utc, out _, out zone))
        {
            local = cell!.Trim();
            return true;
        }
        error = Unreadable(cell, index, field);
        return false;
    }

    private static string Month(int m) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(m);

    private static RecordError Unreadable(string? cell, int index, string field) => new(index, field, cell is null
        ? $"'{field}' is empty: every record needs the time it happened."
        : $"'{Text.Excerpt(cell, 40)}' is not a date and time (use ISO 8601 such as 2026-11-21 12:00:00, or 21/11/2026 12:00).");

    /// <summary>An evidence link is kept only when it is https (never image bytes).</summary>
    public static (string Kind, string? Uri) Link(string? cell) =>
        cell is not null && cell.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(cell, UriKind.Absolute, out _)
            ? (EvidenceKinds.VendorLink, cell)
            : (EvidenceKinds.None, null);

    /// <summary>A cell that is a web address or a bare host name, as opposed to a search phrase.</summary>
    public static bool LooksLikeAddress(string? cell) =>
        cell is not null && !cell.Contains(' ') && (cell.Contains("://", StringComparison.Ordinal) || (cell.Contains('.') && Text.HostOf(cell) is not null));
}
