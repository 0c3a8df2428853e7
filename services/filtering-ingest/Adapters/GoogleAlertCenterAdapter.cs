using System.Text.Json;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// Google Workspace Alert Center via Pub/Sub push: <c>{"message": {"data": base64(Alert), "attributes": {…}}}</c>.
/// The same alert comes again when MODIFIED: it is stored once per update time (upsert by alertId), never re-alerted.
/// </summary>
public sealed class GoogleAlertCenterAdapter : IFormatAdapter
{
    public const string FormatName = "google-alert-center";
    public string Format => FormatName;
    public string Vendor => "google-workspace";

    public AdapterOutput Parse(ReadOnlySpan<byte> body, AdapterContext context)
    {
        if (!Json.TryOpen(body, out var envelope, out var error)) return AdapterOutput.Unusable("body", error!);
        using (envelope)
        {
            var message = envelope.RootElement.Prop("message");
            if (message is not { ValueKind: JsonValueKind.Object })
                return AdapterOutput.Unusable("message", "A Pub/Sub push body has a 'message' object.");
            var data = message.Str("data");
            if (data is null) return AdapterOutput.Unusable("message.data", "message.data (base64 Alert JSON) is missing.");
            byte[] decoded;
            try { decoded = Convert.FromBase64String(data); }
            catch (FormatException) { return AdapterOutput.Unusable("message.data", "message.data is not base64."); }
            if (!Json.TryOpen(decoded, out var alertDocument, out var alertError))
                return AdapterOutput.Unusable("message.data", "message.data does not decode to JSON: " + alertError);
            using (alertDocument)
            {
                var output = new AdapterOutput();
                var alert = alertDocument.RootElement;
                var status = message.Value.Prop("attributes").Str("alertcenter_resource_status")?.ToUpperInvariant() ?? "CREATED";
                var record = Read(alert, status, context, out var recordError);
                if (record is not null) output.Records.Add((0, record));
                else output.Errors.Add(recordError! with { Raw = Text.Excerpt(alert.GetRawText()) });
                return output;
            }
        }
    }

    private static VendorRecord? Read(JsonElement alert, string status, AdapterContext context, out RecordError? error)
    {
        error = null;
        var alertId = alert.Str("alertId");
        if (alertId is null) { error = new RecordError(0, "alertId", "The alert has no alertId."); return null; }
        var when = alert.Str("startTime") ?? alert.Str("createTime");
        if (!Text.TryParseTime(when, context, TimeZoneInfo.Utc, out var utc, out _, out _))
        { error = new RecordError(0, "startTime", "The alert has no RFC 3339 startTime or createTime."); return null; }
        var data = alert.Prop("data");
        var metadata = alert.Prop("metadata");
        var severity = metadata.Str("severity");
        var type = alert.Str("type");
        var revision = status == "CREATED" ? null : $"{status}:{alert.Str("updateTime") ?? metadata.Str("updateTime") ?? Text.Digest(alert.GetRawText())}";
        var user = data.Str("email") ?? data.Str("actorEmail") ?? FirstAffectedUser(data);
        var ip = data.Str("ipAddress") ?? (data is { } d ? d.Prop("loginDetails").Str("ipAddress") : null);
        return new VendorRecord
        {
            OccurredAt = utc,
            SourceEventId = $"alert/{alertId}",
            Product = alert.Str("source") ?? "Alert Center",
            User = user,
            Ip = Text.IsIp(ip) ? ip : null,
            Action = FilterActions.Monitored,
            Application = alert.Str("source"),
            Categories = type is null ? [] : [new VendorCategory(data.Str("@type"), type)],
            VendorSeverity = severity,
            Severity = SeverityScales.Google(severity),
            EvidenceKind = EvidenceKinds.VendorLink,
            EvidenceUri = $"https://admin.google.com/ac/ac/alerts/{Uri.EscapeDataString(alertId)}",
            Revision = revision,
            RawDigest = Text.Digest(alert.GetRawText()),
        };
    }

    private static string? FirstAffectedUser(JsonElement? data) =>
        data?.Prop("affectedUserEmails") is { ValueKind: JsonValueKind.Array } users && users.GetArrayLength() > 0
            ? Text.Blank(users[0].GetString()) : null;
}
