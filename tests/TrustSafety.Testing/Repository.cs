namespace TrustSafety.Testing;

/// <summary>
/// The source tree and build a test runs in: the root is found by walking up from the test assembly to TrustSafety.sln.
/// One copy for every test project: those that reference TrustSafety.Testing use it from there; the few that must not
/// (Conventions, Kubernetes: no hosting or database dependencies) compile this file in by link.
/// </summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test run was built in, so processes started from build output match it.</summary>
    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Path relative to the repository root with forward slashes, as a failure message shows it.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>Files under <paramref name="folder"/> matching <paramref name="pattern"/>, build output excluded.</summary>
    public static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(PathOf(folder), pattern, SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln"))) return dir.FullName;
        throw new InvalidOperationException("TrustSafety.sln not found above " + AppContext.BaseDirectory);
    }
}
