using System.Diagnostics;
using TrustSafety.Testing;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// A test run leaves nothing behind: a process a fixture starts (tests/TrustSafety.Testing/FixtureProcess.cs) stops,
/// with everything it started, when its test host ends — also when the host is killed and runs no exit handler, as a
/// test runner does with a host that does not stop (identity processes used to survive ./test.sh that way).
/// </summary>
public sealed class FixtureChildren
{
    [Theory]
    [InlineData("exits without disposing its fixtures")]
    [InlineData("is killed with kill -9")]
    public async Task a_fixture_child_and_its_own_children_stop_when_the_test_host(string ends)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(FixtureHostProbe).Assembly.Location);
        start.ArgumentList.Add(FixtureHostProbe.Command);
        using var host = Process.Start(start) ?? throw new InvalidOperationException("could not start the probe host");
        try
        {
            var line = await host.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            var ids = line.ShouldNotBeNull("the probe host printed no child pid").Split(' ').Select(int.Parse).ToArray();
            var (group, watchdog) = (ids[0], ids[1]);
            await Eventually.True(() => Task.FromResult(Group(group).Count >= 2), TimeSpan.FromSeconds(20),
                "the fixture child and its own child run in the child's process group");

            if (ends.Contains("kill -9")) host.Kill();
            else await host.StandardInput.WriteLineAsync("exit");
            await host.WaitForExitAsync();

            await Eventually.True(() => Task.FromResult(Group(group).Count == 0), TimeSpan.FromSeconds(20),
                $"every process of the fixture child's group stops after the test host {ends}; still running: {Describe(Group(group))}");
            await Eventually.True(() => Task.FromResult(!Running(watchdog)), TimeSpan.FromSeconds(20), "the watchdog exits too");
        }
        finally
        {
            if (!host.HasExited) host.Kill(true);
        }
    }

    /// <summary>Live (not zombie) processes whose process group is <paramref name="pgid"/>.</summary>
    private static List<int> Group(int pgid) => Directory.GetDirectories("/proc")
        .Select(Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(n => int.Parse(n!))
        .Where(pid => Stat(pid) is { State: not "Z" } s && s.Group == pgid).ToList();

    private static bool Running(int pid) => Stat(pid) is { State: not "Z" };

    private static (string State, int Group)? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0], int.Parse(fields[2]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static string Describe(IEnumerable<int> pids) => string.Join("; ", pids.Select(pid =>
    {
        try { return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ')}"; }
        catch (IOException) { return pid.ToString(); }
    }));
}
