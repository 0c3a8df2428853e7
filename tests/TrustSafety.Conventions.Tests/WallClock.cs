using System.Text.RegularExpressions;

namespace TrustSafety.Conventions.Tests;

/// <summary>Services (and the gateway and contracts) read the time through an injected TimeProvider, so tests (and replays) can set it.</summary>
public sealed partial class WallClock
{
    [GeneratedRegex(@"\b(System\.)?(DateTime|DateTimeOffset)\.(Now|UtcNow)\b")]
    private static partial Regex WallClockRead();

    // Try it: add `var x = DateTime.UtcNow;` to any method of any file under services/ (or gateway/, contracts/): this test
    // names the file and line.
    [Fact]
    public void no_service_reads_the_wall_clock_directly()
    {
        var files = new[] { "services", "gateway", "contracts" }.SelectMany(folder => Repository.SourceFiles(folder, "*.cs")).ToList();
        files.Count.ShouldBeGreaterThan(100, "the services' source should be found under services/");
        var reads = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = WithoutLineComment(lines[i]);
                if (WallClockRead().Match(code) is { Success: true } read)
                    reads.Add($"{Repository.Relative(file)}:{i + 1}: {read.Value}");
            }
        }
        reads.ShouldBeEmpty("inject TimeProvider and call GetUtcNow() (or GetTimestamp()/GetElapsedTime() for intervals):\n"
            + string.Join("\n", reads));
    }

    private static string WithoutLineComment(string line)
    {
        var comment = line.IndexOf("//", StringComparison.Ordinal);
        return comment < 0 ? line : line[..comment];
    }
}
