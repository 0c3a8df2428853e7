using System.Text.Json;

namespace TrustSafety.Incident.RecordingEvidence;

/// <summary>Recognises an attempt to send evidence itself (file bytes) where only a reference is accepted.</summary>
public static class UploadInspection
{
    private static readonly HashSet<string> ByteCarryingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "bytes", "base64", "content", "contentBase64", "data", "dataUri", "file", "files", "fileContent", "image",
        "images", "imageData", "imageBase64", "attachment", "attachments", "upload", "blob", "payload", "photo", "screenshot",
    };

    public static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Multipart, binary or image bodies, or a body larger than any reference could be, are uploads.</summary>
    public static bool IsUploadByEnvelope(string? contentType, long? contentLength, long maxReferenceBytes) =>
        !IsJson(contentType) || contentLength > maxReferenceBytes;

    /// <summary>A JSON body carrying file content: a byte-carrying field, a data: URI, or a long base64 string.</summary>
    public static bool CarriesBytes(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p =>
            (ByteCarryingNames.Contains(p.Name) && p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            || CarriesBytes(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(CarriesBytes),
        JsonValueKind.String => LooksLikeFileContent(element.GetString()!),
        _ => false,
    };

    private static bool LooksLikeFileContent(string value) =>
        value.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || (value.Length >= 512 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_' or '\r' or '\n'));
}
