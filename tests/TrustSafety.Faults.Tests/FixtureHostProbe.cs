using System.Diagnostics;
using TrustSafety.Testing;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// This assembly's entry point (the test runner never calls it): <c>dotnet TrustSafety.Faults.Tests.dll hold-fixture-child</c>
/// plays a test host that starts a fixture child, prints the child's pid, and then either exits when a line arrives
/// on stdin or is killed by <see cref="FixtureChildren"/>, which checks that nothing it started survives it.
/// </summary>
public static class FixtureHostProbe
{
    public const string Command = "hold-fixture-child";

    public static int Main(string[] args)
    {
        if (args is not [Command]) return 2;
        // A child with a child of its own (the sleep in the background), as a service that starts Chromium would be.
        var child = FixtureProcess.Start(new ProcessStartInfo("bash") { ArgumentList = { "-c", "sleep 600 & wait" } });
        Console.WriteLine($"{child.Process.Id} {child.WatchdogId}");
        Console.Out.Flush();
        Console.In.ReadLine();
        return 0; // without disposing the fixture: what is left to stop it is the exit handler and the watchdog
    }
}
