using System.Text.Json;

namespace TrustSafety.FilteringIngest.Adapters;

internal static class Json
{
    public static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = false };

    public static bool TryOpen(ReadOnlySpan<byte> body, out JsonDocument document, out string? error)
    {
        document = null!;
        error = null;
        // Some Windows tools start UTF-8 JSON with a byte-order mark; RFC 8259 lets a parser ignore it, and we do.
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 32 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null)
            {
                error = "The body is empty. Send a JSON object or array.";
                return false;
            }
            if (reader.Read())
            {
                parsed.Dispose();
                error = "The body holds more than one JSON value. Send one object or one array.";
                return false;
            }
            document = parsed;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"The body is not valid JSON: {ex.Message}";
            return false;
        }
    }

    public static JsonElement? Prop(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : null;

    public static string? Str(this JsonElement element, string name) => element.Prop(name) is { } value
        ? value.ValueKind switch
        {
            JsonValueKind.String => Text.Blank(value.GetString()),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        }
        : null;

    public static string? Str(this JsonElement? element, string name) => element is { } e ? e.Str(name) : null;
}
