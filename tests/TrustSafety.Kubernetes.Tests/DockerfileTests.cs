using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>
/// One container recipe for every piece: the repository's <c>Dockerfile</c>, given the piece's project as a build
/// argument by <c>infra/build-images.sh</c>, which reads the pieces from docs/layout.md.
/// </summary>
public sealed class DockerfileTests
{
    private static string Recipe() => File.ReadAllText(Repository.PathOf("Dockerfile"));

    [Fact]
    public void there_is_one_dockerfile_and_no_copy_per_piece()
    {
        File.Exists(Repository.PathOf("Dockerfile")).ShouldBeTrue("the repository root has the one Dockerfile");
        var root = Repository.PathOf();
        var copies = Dockerfiles(root).Select(f => Path.GetRelativePath(root, f)).Where(f => f != "Dockerfile").ToList();
        copies.ShouldBeEmpty("every piece is built from the root Dockerfile with --build-arg PROJECT=…");
    }

    private static IEnumerable<string> Dockerfiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
            if (Path.GetFileName(file) is var name && (name == "Dockerfile" || name.StartsWith("Dockerfile.")
                || name.EndsWith(".dockerfile", StringComparison.OrdinalIgnoreCase) || name == "Containerfile"))
                yield return file;
        foreach (var child in Directory.EnumerateDirectories(directory))
            if (Path.GetFileName(child) is not ("bin" or "obj" or "node_modules" or ".git" or "TestResults" or ".run"))
                foreach (var file in Dockerfiles(child)) yield return file;
    }

    [Fact]
    public void the_recipe_is_multi_stage_non_root_and_built_from_the_repository_root()
    {
        var text = Recipe();
        var stages = Regex.Matches(text, @"^FROM\s+(\S+)(?:\s+AS\s+(\S+))?", RegexOptions.Multiline)
            .Select(m => (Image: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        stages.ShouldContain(s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0"), "a .NET SDK build stage");
        var runtimes = stages.Where(s => s.Name.StartsWith("runtime-")).ToList();
        runtimes.Select(s => s.Name).ShouldBe(["runtime-chiseled", "runtime-chromium"], ignoreOrder: true);
        runtimes.ShouldAllBe(s => s.Image.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0"));
        runtimes.Single(s => s.Name == "runtime-chiseled").Image.ShouldEndWith("-chiseled");
        stages[^1].Image.ShouldBe("runtime-${RUNTIME}", "the last stage is the runtime the RUNTIME argument names");
        Regex.IsMatch(text, @"^ARG RUNTIME=chiseled\s*$", RegexOptions.Multiline).ShouldBeTrue("chiseled unless asked otherwise");

        text.ShouldContain("COPY nuget.config");
        text.ShouldNotContain("nuget-shim", customMessage: "the registry serves Patched.DistributedLock.* now; no local feed");
        text.ShouldContain("dotnet publish \"$PROJECT\"");
        Regex.Match(text, @"^USER\s+(\S+)\s*$", RegexOptions.Multiline).Groups[1].Value.ShouldBe("1654", "run as the numeric non-root app user");
        text.ShouldContain("mv \"/app/$name\" /app/trustsafety-piece");
        text.ShouldContain("ENTRYPOINT [\"/app/trustsafety-piece\"]");
        File.ReadAllText(Repository.PathOf(".dockerignore")).ShouldContain("**/obj/");
    }

    public static TheoryData<string> Pieces() => Layout.PieceNames();

    [Theory]
    [MemberData(nameof(Pieces))]
    public void every_piece_is_built_from_its_project_into_the_image_the_production_overlay_deploys(string name)
    {
        var piece = Layout.Piece(name);
        piece.SourceExists.ShouldBeTrue($"{piece.Project} is missing");
        var production = Rendered.Of("overlays/production");
        var image = production.One<V1Deployment>(name).Spec.Template.Spec.Containers[0].Image;
        var (repository, tag) = (image[..image.LastIndexOf(':')], image[(image.LastIndexOf(':') + 1)..]);
        var registry = repository[..repository.LastIndexOf('/')];
        repository.ShouldEndWith($"/trustsafety-{name}");

        var commands = BuildImages("--print", registry, tag, "--push");
        var build = commands.SingleOrDefault(c => c.StartsWith("docker build") && c.Contains($" -t {image} "));
        build.ShouldNotBeNull($"infra/build-images.sh builds no {image}:\n{string.Join('\n', commands)}");
        build.ShouldContain($"--build-arg PROJECT={piece.Project} ");
        build.ShouldEndWith(" .", Case.Sensitive, "the build context is the repository root");
        commands.ShouldContain($"docker push {image}");

        // Chromium only where the Deployment is told to print with it.
        var printsPdfs = production.Environment(production.One<V1Deployment>(name)).ContainsKey("Reporting__ChromiumPath");
        build.ShouldContain(printsPdfs ? "--build-arg RUNTIME=chromium " : "--build-arg RUNTIME=chiseled ");
    }

    private static List<string> BuildImages(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Repository.PathOf("infra", "build-images.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
