using System.Text.Json;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Microsoft Graph change notifications for security alerts (v2): <c>{"value": [{clientState, resource, resourceData}]}</c>.
/// resourceData must carry the alert (id, severity, category, title, createdDateTime, evidence[]); a bare id cannot be
/// classified without a Graph read, so it is rejected with a reason rather than guessed. The endpoint checks clientState.
/// </summary>
public sealed class GraphSecurityAlertsAdapter : IFormatAdapter
{
    public const string FormatName = "graph-security-alerts";
    public string Format => FormatName;
    public string Vendor => "microsoft";

    public AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context)
    {
        if (!Json.TryOpen(body, out var document, out var error)) return AdapterOutput.Unusable("body", error!);
        using (document)
        {
            var value = document.RootElement.Prop("value");
            if (value is not { ValueKind: JsonValueKind.Array })
                return AdapterOutput.Unusable("value", "A change-notification body is {\"value\": [ … ]}.");
            var output = new AdapterOutput();
            var i = 0;
            foreach (var notification in value.Value.EnumerateArray())
            {
                var record = Read(notification, i, context, out var recordError);
                if (record is not null) output.Records.Add((i, record));
                else output.Errors.Add(recordError! with { Raw = Text.Excerpt(notification.GetRawText()) });
                i++;
            }
            if (i == 0) output.BodyError = new RecordError(-1, "value", "The notification list is empty.");
            return output;
        }
    }

    /// <summary>Every clientState in the body, for the endpoint's constant-time check.</summary>
    public static IReadOnlyList<string?> ClientStates(ReadOnlySpan<byte> body)
    {
        if (!Json.TryOpen(body, out var document, out _)) return [];
        using (document)
        {
            return document.RootElement.Prop("value") is { ValueKind: JsonValueKind.Array } value
                ? value.EnumerateArray().Select(n => n.Str("clientState")).ToArray()
                : [];
        }
    }

    private static VendorRecord? Read(JsonElement notification, int index, AdapterContext context, out RecordError? error)
    {
        error = null;
        var alert = notification.Prop("resourceData");
        if (alert is not { ValueKind: JsonValueKind.Object } a || a.Str("severity") is null)
        {
            error = new RecordError(index, $"value[{index}].resourceData", "resourceData must carry the alert (id, severity, category, createdDateTime); subscribe with includeResourceData.");
            return null;
        }
        var id = a.Str("id");
        if (id is null) { error = new RecordError(index, $"value[{index}].resourceData.id", "The alert has no id."); return null; }
        if (!Text.TryParseTime(a.Str("createdDateTime"), context, TimeZoneInfo.Utc, out var utc, out _, out _))
        { error = new RecordError(index, $"value[{index}].resourceData.createdDateTime", "createdDateTime is missing or not ISO 8601."); return null; }
        string? user = null, device = null, ip = null, url = null;
        if (a.Prop("evidence") is { ValueKind: JsonValueKind.Array } evidence)
        {
            foreach (var item in evidence.EnumerateArray())
            {
                var type = item.Str("@odata.type") ?? "";
                if (type.EndsWith("userEvidence", StringComparison.Ordinal)) user ??= item.Prop("userAccount").Str("userPrincipalName") ?? item.Prop("userAccount").Str("accountName");
                else if (type.EndsWith("deviceEvidence", StringComparison.Ordinal)) device ??= item.Str("deviceDnsName") ?? item.Str("hostName");
                else if (type.EndsWith("ipEvidence", StringComparison.Ordinal)) ip ??= item.Str("ipAddress");
                else if (type.EndsWith("urlEvidence", StringComparison.Ordinal)) url ??= item.Str("url");
            }
        }
        var severity = a.Str("severity");
        var updated = a.Str("lastUpdateDateTime");
        var changeType = notification.Str("changeType") ?? "created";
        return new VendorRecord
        {
            OccurredAt = utc,
            SourceEventId = $"alert/{id}",
            Product = a.Str("serviceSource") ?? "Microsoft 365 Defender",
            User = user,
            DeviceName = device,
            Ip = Text.IsIp(ip) ? ip : null,
            Action = FilterActions.Monitored,
            Url = url,
            Host = Text.HostOf(url),
            Application = a.Str("detectionSource"),
            Categories = [new VendorCategory(a.Str("category"), a.Str("title") ?? a.Str("category"))],
            VendorSeverity = severity,
            Severity = SeverityScales.Graph(severity),
            EvidenceKind = EvidenceKinds.VendorLink,
            EvidenceUri = a.Str("alertWebUrl"),
            Revision = changeType.Equals("created", StringComparison.OrdinalIgnoreCase) ? null : $"{changeType}:{updated}",
            RawDigest = Text.Digest(a.GetRawText()),
        };
    }
}
