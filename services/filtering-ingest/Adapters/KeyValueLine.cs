namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>
/// FortiOS-style <c>key=value key="quoted value"</c>; quotes are optional and inconsistent between firmware versions.
/// Tokens without '=' (a syslog prefix) are skipped.
/// </summary>
public static class KeyValueLine
{
    public static bool TryParse(string line, out Dictionary<string, string> fields, out string? error)
    {
        fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = null;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length) break;
            var keyStart = i;
            while (i < line.Length && line[i] != '=' && !char.IsWhiteSpace(line[i])) i++;
            if (i >= line.Length || line[i] != '=')
            {
                continue;
            }
            var key = line[keyStart..i];
            i++;
            string value;
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var sb = new System.Text.StringBuilder();
                var closed = false;
                while (i < line.Length)
                {
                    var c = line[i];
                    if (c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\') { sb.Append(line[i + 1]); i += 2; continue; }
                    if (c == '"') { closed = true; i++; break; }
                    sb.Append(c);
                    i++;
                }
                if (!closed)
                {
                    error = $"The quoted value of '{key}' is not closed.";
                    return false;
                }
                value = sb.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i])) i++;
                value = line[valueStart..i];
            }
            if (key.Length > 0) fields[key] = value;
        }
        if (fields.Count == 0) error = "No key=value fields found.";
        return fields.Count > 0;
    }
}
