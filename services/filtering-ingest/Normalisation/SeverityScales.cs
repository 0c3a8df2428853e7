using System.Globalization;

namespace TrustSafety.FilteringIngest.Normalisation;

/// <summary>Each vendor's severity scale onto ours, 1 (informational) … 5 (imminent risk / illegal). See ingest-formats.md.</summary>
public static class SeverityScales
{
    public static int? FortiGateCrLevel(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "low" => 1, "medium" => 2, "high" => 3, "critical" => 4, _ => null,
    };

    public static int? Cef(string? severity)
    {
        var value = severity?.Trim();
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 10)
            return n switch { <= 2 => 1, <= 4 => 2, <= 6 => 3, <= 8 => 4, _ => 5 };
        return value?.ToLowerInvariant() switch
        {
            "low" => 1, "medium" => 3, "high" => 4, "very-high" or "veryhigh" or "very high" => 5, _ => null,
        };
    }

    public static int? SmoothwallLogLevel(string? level) =>
        int.TryParse(level, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n switch { 1 or 2 => 1, 3 => 2, 4 => 4, 5 => 5, _ => null } : null;

    public static int? SmoothwallSafeguarding(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "advisory" => 2, "caution" => 3, "danger" => 5, _ => null,
    };

    public static int? MonitorRisk(string? risk) => int.TryParse(risk, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? n : null;

    public static int? LightspeedAlert(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "low" => 2, "medium" => 3, "high" => 4, "imminent" => 5, _ => null,
    };

    public static int? Google(string? severity) => severity?.Trim().ToUpperInvariant() switch
    {
        "LOW" => 2, "MEDIUM" => 3, "HIGH" => 4, _ => null,
    };

    public static int? Graph(string? severity) => severity?.Trim().ToLowerInvariant() switch
    {
        "informational" => 1, "low" => 2, "medium" => 3, "high" => 4, _ => null,
    };

    /// <summary>PAN-OS threat severity (also on URL filtering records).</summary>
    public static int? PaloAlto(string? severity) => severity?.Trim().ToLowerInvariant() switch
    {
        "informational" => 1, "low" => 2, "medium" => 3, "high" => 4, "critical" => 5, _ => null,
    };

    /// <summary>Senso capture severity (ingest-formats.md): LOW … CRITICAL.</summary>
    public static int? Senso(string? severity) => severity?.Trim().ToUpperInvariant() switch
    {
        "LOW" => 1, "MEDIUM" => 2, "HIGH" => 3, "URGENT" => 4, "CRITICAL" => 5, _ => null,
    };

    /// <summary>Impero keyword policy severity: 1–5, or the words its console and exports use.</summary>
    public static int? Impero(string? severity)
    {
        var value = severity?.Trim();
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n is >= 1 and <= 5 ? n : null;
        return value?.ToLowerInvariant() switch
        {
            "low" => 2, "medium" => 3, "high" => 4, "severe" or "critical" or "urgent" => 5, _ => null,
        };
    }
}
