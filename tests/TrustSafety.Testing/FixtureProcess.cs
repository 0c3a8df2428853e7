using System.Diagnostics;

namespace TrustSafety.Testing;

/// <summary>
/// A process a test fixture starts (the identity service, a service to kill -9) that cannot outlive the test host.
/// It runs in its own session and process group (<c>setsid</c>), so stopping the group stops whatever it started too,
/// and a watchdog (<c>bash</c>, a sibling) ends that group when the test host disposes the fixture or dies in any way
/// — exit, crash, or the kill -9 a test runner uses on a host that does not stop — because its stdin is a pipe only
/// the test host holds open. Every child inherits the test host's environment, so <c>./test.sh</c> can find survivors
/// by the <c>TS_TEST_RUN</c> variable it sets.
/// </summary>
public sealed class FixtureProcess : IAsyncDisposable
{
    private const string WatchdogScript = """
        # $1: the process group to end once stdin reaches end of file (the test host closed it, or died).
        cat >/dev/null
        kill -TERM -- "-$1" 2>/dev/null || exit 0
        for _ in $(seq 50); do kill -0 -- "-$1" 2>/dev/null || exit 0; sleep 0.1; done
        kill -KILL -- "-$1" 2>/dev/null
        exit 0
        """;

    private readonly Process _watchdog;
    private int _disposed;

    private FixtureProcess(Process process, Process watchdog)
    {
        Process = process;
        _watchdog = watchdog;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    /// <summary>The started command itself (its pid is its process group id): kill it, read its output, its exit code.</summary>
    public Process Process { get; }

    /// <summary>The watchdog's pid, for tests of this mechanism.</summary>
    public int WatchdogId => _watchdog.Id;

    public static FixtureProcess Start(ProcessStartInfo start)
    {
        // Started by a fork of this host, the command is never a process group leader, so setsid execs it in
        // place (same pid, no extra fork): Process is the command and its pid is the new group's id.
        if (start.ArgumentList.Count > 0) start.ArgumentList.Insert(0, start.FileName);
        else start.Arguments = $"\"{start.FileName}\" {start.Arguments}";
        start.FileName = "setsid";
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.Arguments}");

        var watch = new ProcessStartInfo("bash")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", WatchdogScript, "ts-fixture-watchdog", process.Id.ToString() }) watch.ArgumentList.Add(argument);
        Process watchdog;
        try
        {
            watchdog = Process.Start(watch) ?? throw new InvalidOperationException("Could not start the fixture watchdog.");
        }
        catch
        {
            try { process.Kill(true); } catch (InvalidOperationException) { }
            throw;
        }
        return new FixtureProcess(process, watchdog);
    }

    private void Stop()
    {
        try { Process.Kill(true); } catch (InvalidOperationException) { }
        // Closing the pipe lets the watchdog sweep the group (anything that left the process tree) and exit.
        try { _watchdog.StandardInput.Close(); } catch (Exception e) when (e is IOException or InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        Stop();
        await Process.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try { await _watchdog.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException) { try { _watchdog.Kill(); } catch (InvalidOperationException) { } }
        Process.Dispose();
        _watchdog.Dispose();
    }
}
