namespace TrustSafety.Kubernetes.Tests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln"))) return dir.FullName;
        throw new InvalidOperationException("TrustSafety.sln not found above " + AppContext.BaseDirectory);
    }
}
