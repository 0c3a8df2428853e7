namespace TrustSafety.Telemetry.Hosting;

/// <summary>
/// IANA time-zone data for apps whose image has none (the chiseled runtime images carry no tzdata): the build copies
/// the build machine's <c>/usr/share/zoneinfo</c> (tzdata of the SDK image in a Docker build) into <c>zoneinfo/</c>
/// beside the app (TrustSafety.Telemetry.csproj), and when the directory .NET would read (<c>TZDIR</c>, else
/// <c>/usr/share/zoneinfo</c>) does not know Europe/London, <c>TZDIR</c> is pointed at that copy before any zone is
/// looked up. A system database that has the zones is used as it is.
/// </summary>
public static class TimeZoneData
{
    public const string ProbeZone = "Europe/London";

    /// <summary>The folder the app now reads zones from, or null on Windows (no tzdata files there).</summary>
    public static string? EnsureAvailable()
    {
        if (OperatingSystem.IsWindows()) return null;
        var current = Environment.GetEnvironmentVariable("TZDIR") is { Length: > 0 } configured ? configured : "/usr/share/zoneinfo";
        if (Knows(current)) return current;
        var bundled = Path.Combine(AppContext.BaseDirectory, "zoneinfo");
        if (!Knows(bundled)) return current;
        Environment.SetEnvironmentVariable("TZDIR", bundled);
        return bundled;
    }

    private static bool Knows(string directory) => File.Exists(Path.Combine(directory, ProbeZone));
}
