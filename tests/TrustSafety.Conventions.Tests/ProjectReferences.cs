using System.Xml.Linq;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Services talk through contracts/ and the broker, never through each other's code: a project under services/ may
/// reference the contracts and the shared libraries under services/ (projects that are not web hosts), and nothing else.
/// </summary>
public sealed class ProjectReferences
{
    private sealed record Project(string Path, bool IsService, IReadOnlyList<string> References);

    // Try it: add <ProjectReference Include="../incident/TrustSafety.Incident.csproj" /> to
    // services/reporting/TrustSafety.Reporting.csproj: this test names both projects.
    [Fact]
    public void no_service_references_another_service()
    {
        var projects = Projects("services");
        projects.Count(p => p.IsService).ShouldBeGreaterThanOrEqualTo(6, "the service hosts under services/ should be found");
        var services = projects.Where(p => p.IsService).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var wrong = projects
            .SelectMany(p => p.References.Where(services.Contains).Select(r => $"{p.Path} references the service {r}"))
            .ToList();
        wrong.ShouldBeEmpty("share code through contracts/ or a library under services/, not another service:\n" + string.Join("\n", wrong));
    }

    // Try it: add <ProjectReference Include="../../tests/TrustSafety.Testing/TrustSafety.Testing.csproj" /> to any project
    // under services/: this test names the project and the reference.
    [Fact]
    public void service_projects_reference_only_contracts_and_shared_libraries()
    {
        var projects = Projects("services");
        var libraries = projects.Where(p => !p.IsService).Select(p => p.Path)
            .Concat(Projects("contracts").Select(p => p.Path))
            .ToHashSet(StringComparer.Ordinal);
        var services = projects.Where(p => p.IsService).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        // A reference to another service is the failure of the test above, not repeated here.
        var wrong = projects
            .SelectMany(p => p.References.Where(r => !libraries.Contains(r) && !services.Contains(r)).Select(r => $"{p.Path} references {r}"))
            .ToList();
        wrong.ShouldBeEmpty("a service may reference contracts/ and the shared libraries under services/ only:\n" + string.Join("\n", wrong));
    }

    /// <summary>Every .csproj under <paramref name="folder"/>, with its project references as repository paths.</summary>
    private static IReadOnlyList<Project> Projects(string folder) =>
        Repository.SourceFiles(folder, "*.csproj").Select(file =>
        {
            var xml = XDocument.Load(file);
            var sdk = xml.Root?.Attribute("Sdk")?.Value ?? "";
            var exe = xml.Descendants("OutputType").Any(o => o.Value.Trim().Equals("Exe", StringComparison.OrdinalIgnoreCase));
            var references = xml.Descendants("ProjectReference")
                .Select(r => r.Attribute("Include")?.Value)
                .OfType<string>()
                .Select(include => Repository.Relative(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, include.Replace('\\', '/')))))
                .ToList();
            return new Project(Repository.Relative(file), sdk.StartsWith("Microsoft.NET.Sdk.Web", StringComparison.Ordinal) || exe, references);
        }).ToList();
}
