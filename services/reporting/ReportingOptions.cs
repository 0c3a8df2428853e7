namespace TrustSafety.Reporting;

/// <summary>Reporting's own settings.</summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";
    /// <summary>Key for trust-level pseudonyms of device/user refs; set a secret one in production.</summary>
    public string PseudonymKey { get; set; } = "trustsafety-local-pseudonym-key";
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";
    public TimeSpan PdfTimeout { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>How long a school's repeat-pattern snapshot may be served after its subject facts changed (0 = always recompute).</summary>
    public TimeSpan RepeatPatternsMaxAge { get; set; } = TimeSpan.FromSeconds(60);
}
