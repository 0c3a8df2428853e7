namespace TrustSafety.Dashboard.Tests;

internal static class Repository
{
    public static DirectoryInfo Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln"))) dir = dir.Parent;
        return dir ?? throw new InvalidOperationException("TrustSafety.sln not found above " + AppContext.BaseDirectory);
    }

    public static string GatewayWebRoot() => Path.Combine(Root().FullName, "gateway", "TrustSafety.Gateway", "wwwroot");

    /// <summary>Screenshots are test output: tests/TrustSafety.Dashboard.Tests/TestResults/screenshots.</summary>
    public static string ScreenshotFolder()
    {
        var folder = Path.Combine(Root().FullName, "tests", "TrustSafety.Dashboard.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
