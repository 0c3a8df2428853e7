using System.Globalization;
using System.Text.Json;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Our own vendor-neutral shape (Canonical/canonical-filter-event.schema.json): one object or an array of them.</summary>
public sealed class CanonicalJsonAdapter : IFormatAdapter
{
    public const string FormatName = "canonical-json";
    public string Format => FormatName;
    public string Vendor => "canonical";

    public AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context)
    {
        if (!Json.TryOpen(body, out var document, out var error)) return AdapterOutput.Unusable("body", error!);
        using (document)
        {
            var root = document.RootElement;
            var output = new AdapterOutput();
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    Add(output, root, 0, "", context);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in root.EnumerateArray()) Add(output, item, i++, $"[{i - 1}].", context);
                    if (i == 0) output.BodyError = new RecordError(-1, "body", "The array is empty. Send at least one event.");
                    break;
                default:
                    output.BodyError = new RecordError(-1, "body", "Send one event object or an array of event objects.");
                    break;
            }
            return output;
        }
    }

    private static void Add(AdapterOutput output, JsonElement item, int index, string path, AdapterContext context)
    {
        var record = Read(item, index, path, context, out var error);
        if (record is not null) output.Records.Add((index, record));
        else output.Errors.Add(error!);
    }

    internal static VendorRecord? Read(JsonElement e, int index, string path, AdapterContext context, out RecordError? error)
    {
        error = null;
        string Raw() => Text.Excerpt(e.GetRawText());
        RecordError Fail(string field, string reason) => new(index, path + field, reason, Raw());
        if (e.ValueKind != JsonValueKind.Object) { error = Fail("", "Each event must be a JSON object."); return null; }

        var occurred = e.Str("occurredAt");
        if (occurred is null) { error = Fail("occurredAt", "occurredAt is required (ISO 8601 with offset, e.g. 2025-01-31T09:15:00Z)."); return null; }
        var zone = Adapters.SourceZones.Find(e.Str("timeZone")) ?? context.Zone;
        if (!Text.TryParseTime(occurred, context, zone, out var utc, out var local, out var zoneId))
        { error = Fail("occurredAt", $"'{Text.Excerpt(occurred, 40)}' is not an ISO 8601 date-time."); return null; }
        if (utc > context.Time.GetUtcNow().AddDays(1) || utc.Year < 2000)
        { error = Fail("occurredAt", "occurredAt is implausible (before 2000 or more than a day in the future)."); return null; }

        var activity = e.Prop("activity");
        if (activity is null || activity.Value.ValueKind != JsonValueKind.Object)
        { error = Fail("activity", "activity is required: {\"action\": \"Blocked\", \"url\": …}."); return null; }
        var action = FilterActions.Parse(activity.Str("action"));
        if (action is null)
        { error = Fail("activity.action", $"activity.action must be one of {string.Join(", ", FilterActions.All)}."); return null; }

        var device = e.Prop("device");
        var ip = device.Str("ip");
        if (ip is not null && !Text.IsIp(ip)) { error = Fail("device.ip", $"'{Text.Excerpt(ip, 45)}' is not an IPv4 or IPv6 address."); return null; }

        var classification = e.Prop("classification");
        int? severity = null;
        if (classification?.Prop("severity") is { } sev)
        {
            if (sev.ValueKind != JsonValueKind.Number || !sev.TryGetInt32(out var s) || s is < 1 or > 5)
            { error = Fail("classification.severity", "classification.severity must be a whole number 1–5."); return null; }
            severity = s;
        }

        var evidence = e.Prop("evidence");
        var evidenceKind = evidence.Str("kind") is { } kind ? EvidenceKinds.All.FirstOrDefault(k => k.Equals(kind, StringComparison.OrdinalIgnoreCase)) : EvidenceKinds.None;
        if (evidenceKind is null) { error = Fail("evidence.kind", "evidence.kind must be None, VendorLink or Hash (never image bytes)."); return null; }
        var sha = evidence.Str("sha256");
        if (sha is not null && (sha.Length != 64 || !sha.All(Uri.IsHexDigit)))
        { error = Fail("evidence.sha256", "evidence.sha256 must be 64 hex characters."); return null; }
        if (evidence?.Prop("content") is not null || evidence?.Prop("bytes") is not null)
        { error = Fail("evidence", "Evidence content is never accepted: send a vendor link or a hash."); return null; }

        var url = activity.Str("url");
        var subject = e.Prop("subject");
        var categoryId = classification.Str("categoryId");
        var categoryLabel = classification.Str("categoryLabel");
        return new VendorRecord
        {
            OccurredAt = utc,
            VendorLocalTime = e.Str("localTime") ?? (occurred.EndsWith('Z') ? null : local),
            VendorTimeZone = e.Str("timeZone") ?? (occurred.EndsWith('Z') ? null : zoneId),
            SourceEventId = e.Str("sourceEventId"),
            Product = e.Str("product"),
            User = subject.Str("user"),
            Group = subject.Str("group") ?? subject.Str("ou"),
            DeviceName = device.Str("name"),
            Ip = ip,
            Mac = device.Str("mac"),
            Action = action,
            Url = url,
            Host = activity.Str("host") ?? Text.HostOf(url),
            SearchTerm = activity.Str("searchTerm"),
            Application = activity.Str("application"),
            Categories = categoryId is null && categoryLabel is null ? [] : [new VendorCategory(categoryId, categoryLabel)],
            VendorSeverity = classification.Str("vendorSeverity") ?? severity?.ToString(CultureInfo.InvariantCulture),
            Severity = severity,
            EvidenceKind = evidenceKind,
            EvidenceUri = evidence.Str("uri"),
            EvidenceSha256 = sha?.ToLowerInvariant(),
            RawDigest = Text.Digest(e.GetRawText()),
        };
    }
}
