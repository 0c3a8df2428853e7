using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// The incident service as a real process (its own build output, configured by environment variables as a pod
/// would be), killed with SIGKILL while eight clients report concerns, then started again. Reporting runs
/// in-process on the same virtual host.
/// </summary>
public sealed class KillNine(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Workers = 8;
    /// <summary>How long the clients go on reporting after the kill (they meet a dead service, then nothing).</summary>
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(1);
    private readonly List<FixtureProcess> _processes = [];
    private IdentityServer _identity = null!;
    private TestDatabase _incidentDb = null!;
    private TestDatabase _reportingDb = null!;
    private TestVirtualHost _vhost = null!;
    private WebApplicationFactory<TrustSafety.Reporting.EntryPoint> _reporting = null!;
    private readonly ConsumedCounter _reportingConsumed = new();
    private readonly int _port = FreePort.Next();

    public async Task InitializeAsync()
    {
        _identity = await IdentityServer.SharedAsync();
        _incidentDb = await TestDatabase.CreateAsync("faults_kill_incident");
        _reportingDb = await TestDatabase.CreateAsync("faults_kill_reporting");
        _vhost = await TestVirtualHost.CreateAsync();
        _reporting = Hosts.Observed(
            new ServiceHost<TrustSafety.Reporting.EntryPoint>((await PlatformSettings.ForAsync(_reportingDb, _vhost, _identity, "reporting")).Quiet()),
            _reportingConsumed);
        await Hosts.WaitUntilReadyAsync(_reporting, "reporting");
    }

    [Fact]
    public async Task kill_9_of_the_incident_service_under_load_loses_no_acknowledged_report_and_each_reaches_reporting_exactly_once()
    {
        var first = await StartIncidentAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await _identity.ClientForAsync("staff.blakehill", http);
        var run = $"kill-{Guid.NewGuid():N}"[..13];
        var acknowledged = new ConcurrentBag<Guid>();
        var unanswered = 0;
        var refused = new ConcurrentBag<string>();
        // The clients report until shortly after the kill, however long a loaded machine takes to reach the
        // twenty acknowledgements that mean "under load"; a fixed load window could end before it got there.
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var counter = -1;

        async Task Worker()
        {
            while (!stop.IsCancellationRequested)
            {
                var outcome = await Concerns.ReportAsync(http, $"{run}-{Interlocked.Increment(ref counter)}");
                if (outcome.Status == HttpStatusCode.Created) acknowledged.Add(outcome.Id!.Value);
                else if (outcome.Status is null)
                {
                    Interlocked.Increment(ref unanswered);
                    // The service is gone; a client backs off rather than spin on refused connections.
                    await Task.Delay(100);
                }
                else refused.Add($"{outcome.Status}: {outcome.Body}");
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(Worker)));
        await Eventually.True(() => Task.FromResult(acknowledged.Count >= 20), TimeSpan.FromSeconds(90), "the service is under load");
        first.Kill();   // SIGKILL: no shutdown hooks, no flushing, in-flight requests and publishes cut off
        var ackedAtKill = acknowledged.Count;
        await first.WaitForExitAsync();
        stop.CancelAfter(AfterKill);
        await load;
        refused.ShouldBeEmpty("the service refused reports before it was killed");
        output.WriteLine($"{ackedAtKill} reports acknowledged (201) when SIGKILL hit, {acknowledged.Count} in all; {unanswered} requests got no answer (in flight at the kill, or sent while the service was down)");

        await StartIncidentAsync();
        var stored = await Sql.IncidentsMarked(_incidentDb.ConnectionString, run);
        acknowledged.Except(stored).ShouldBeEmpty("an acknowledged report is missing after the restart");
        output.WriteLine($"{stored.Count} stored ({stored.Count - acknowledged.Count} committed whose reply was lost to the kill)");

        using var dsl = new HttpClient { BaseAddress = http.BaseAddress };
        await _identity.ClientForAsync("dsl.blakehill", dsl);
        foreach (var id in acknowledged)
        {
            using var read = await dsl.GetAsync($"/incidents/{id}");
            read.StatusCode.ShouldBe(HttpStatusCode.OK, $"acknowledged incident {id} cannot be read after the restart");
        }

        var inReporting = await Eventually.Returns(() => Sql.ReportedIncidents(_reportingDb.ConnectionString, Schools.Blakehill),
            ids => ids.Count >= stored.Count, TimeSpan.FromSeconds(60), "every stored incident reaches reporting after the restart");
        inReporting.Order().ShouldBe(stored.Order(), "reporting holds exactly the stored incidents");
        (await Sql.ReportingMarkers(_reportingDb.ConnectionString, Schools.Blakehill)).ShouldBe(stored.Count,
            "an incident was taken into reporting more than once");
        output.WriteLine($"reporting consumed {_reportingConsumed.Of<TrustSafety.Contracts.Incident.IncidentReported>()} deliveries for {stored.Count} incidents");
    }

    private async Task<Process> StartIncidentAsync()
    {
        var assembly = Path.Combine(Repository.Root, "services", "incident", "bin", Repository.Configuration, "net10.0", "TrustSafety.Incident.dll");
        File.Exists(assembly).ShouldBeTrue($"build the incident service first: {assembly}");
        var rabbit = await TestServers.RabbitAsync();
        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Postgres"] = _incidentDb.ConnectionString,
            ["RabbitMq__Host"] = rabbit.Host,
            ["RabbitMq__Port"] = rabbit.Port.ToString(),
            ["RabbitMq__Username"] = rabbit.Username,
            ["RabbitMq__Password"] = rabbit.Password,
            ["RabbitMq__VirtualHost"] = _vhost.Name,
            ["RabbitMq__EndpointPrefix"] = _vhost.EndpointPrefix is null ? "incident" : $"{_vhost.EndpointPrefix}-incident",
            ["Authentication__Authority"] = _identity.Issuer,
            ["Authentication__RequireHttpsMetadata"] = "false",
            ["Daemon__HeartbeatInterval"] = "00:00:01",
            ["Daemon__RetryInterval"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (k, v) in env) start.Environment[k] = v;
        var child = FixtureProcess.Start(start);
        _processes.Add(child);
        var process = child.Process;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.True(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"the incident service exited with code {process.ExitCode}");
            try { return (await probe.GetAsync($"http://127.0.0.1:{_port}/health/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, TimeSpan.FromSeconds(60), "the incident service process is ready");
        return process;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) await process.DisposeAsync();
        await _reporting.DisposeAsync();
        await _vhost.DisposeAsync();
        await _reportingDb.DisposeAsync();
        await _incidentDb.DisposeAsync();
    }
}
