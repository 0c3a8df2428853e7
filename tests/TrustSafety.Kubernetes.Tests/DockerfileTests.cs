using System.Text.RegularExpressions;

namespace TrustSafety.Kubernetes.Tests;

public sealed class DockerfileTests
{
    public static TheoryData<string> Pieces() => Layout.PieceNames();

    [Theory]
    [MemberData(nameof(Pieces))]
    public void every_piece_has_a_multi_stage_non_root_dockerfile_built_from_the_repository_root(string name)
    {
        var piece = Layout.Piece(name);
        var path = Path.Combine(piece.SourceDirectory, "Dockerfile");
        File.Exists(path).ShouldBeTrue($"{path} is missing");
        var text = File.ReadAllText(path);
        var stages = Regex.Matches(text, @"^FROM\s+(\S+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        stages.Count.ShouldBeGreaterThanOrEqualTo(2);
        stages.ShouldContain(s => s.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0"), "a .NET SDK build stage");
        stages[^1].ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:10.0");
        text.ShouldContain("COPY nuget.config");
        text.ShouldNotContain("nuget-shim", customMessage: "the registry serves Patched.DistributedLock.* now; no local feed");
        text.ShouldContain($"dotnet publish {piece.Project}");
        Regex.Match(text, @"^USER\s+(\S+)\s*$", RegexOptions.Multiline).Groups[1].Value.ShouldBe("1654", "run as the numeric non-root app user");
        var assembly = Path.GetFileNameWithoutExtension(piece.Project);
        text.ShouldContain($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]");
        File.ReadAllText(Repository.PathOf(".dockerignore")).ShouldContain("**/obj/");
    }
}
