using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// Incident and reporting reach RabbitMQ only through a chaos proxy, so the test can take the broker away. Classic
/// queues (the local default); production's quorum queues are <see cref="BrokerBehindAProxyOnQuorumQueues"/>.
/// </summary>
public class BrokerBehindAProxy : IAsyncLifetime
{
    private readonly Owned _owned = new();
    public IdentityServer Identity { get; private set; } = null!;
    public ChaosProxy Broker { get; private set; } = null!;
    public WebApplicationFactory<TrustSafety.Incident.EntryPoint> Incident { get; private set; } = null!;
    public WebApplicationFactory<TrustSafety.Reporting.EntryPoint> Reporting { get; private set; } = null!;
    public ConsumedCounter ReportingConsumed { get; } = new();
    public string ReportingDb { get; private set; } = "";
    public TestVirtualHost VirtualHost { get; private set; } = null!;

    /// <summary><c>RabbitMq:QuorumQueues</c> for both services (production sets it true).</summary>
    public virtual bool QuorumQueues => false;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var rabbit = await TestServers.RabbitAsync();
        var vhost = VirtualHost = Own(await TestVirtualHost.CreateAsync());
        Broker = Own(new ChaosProxy(rabbit.Host, rabbit.Port));
        var incidentDb = Own(await TestDatabase.CreateAsync("faults_incident"));
        var reportingDb = Own(await TestDatabase.CreateAsync("faults_reporting"));
        ReportingDb = reportingDb.ConnectionString;

        var reporting = Own(new ServiceHost<TrustSafety.Reporting.EntryPoint>(await ViaProxy(reportingDb, vhost, "reporting")));
        Reporting = Own(Hosts.Observed(reporting, ReportingConsumed));
        await Hosts.WaitUntilReadyAsync(Reporting, "reporting");
        Incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(await ViaProxy(incidentDb, vhost, "incident")));
        await Hosts.WaitUntilReadyAsync(Incident, "incident");
    }

    private async Task<Dictionary<string, string?>> ViaProxy(TestDatabase db, TestVirtualHost vhost, string service)
    {
        var settings = await PlatformSettings.ForAsync(db, vhost, Identity, service);
        settings["RabbitMq:Host"] = "127.0.0.1";
        settings["RabbitMq:Port"] = Broker.Port.ToString();
        settings["RabbitMq:QuorumQueues"] = QuorumQueues ? "true" : "false";
        return settings.Quiet();
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

/// <summary>The same platform with <c>RabbitMq:QuorumQueues=true</c>, production's setting (single-node quorum queues).</summary>
public sealed class BrokerBehindAProxyOnQuorumQueues : BrokerBehindAProxy
{
    public override bool QuorumQueues => true;
}

/// <summary>
/// The broker goes away while messages are between publish and consume (unlike WhenRabbitMqIsDown in the
/// end-to-end tests, where it is gone before anything is reported): nothing is lost and nothing counts twice.
/// </summary>
public sealed class BrokerCutMidFlow(BrokerBehindAProxy platform, ITestOutputHelper output)
    : BrokerCut<BrokerBehindAProxy>(platform, output), IClassFixture<BrokerBehindAProxy>;

/// <summary>The same cut with quorum queues, as production runs them.</summary>
public sealed class BrokerCutMidFlowOnQuorumQueues(BrokerBehindAProxyOnQuorumQueues platform, ITestOutputHelper output)
    : BrokerCut<BrokerBehindAProxyOnQuorumQueues>(platform, output), IClassFixture<BrokerBehindAProxyOnQuorumQueues>
{
    [Fact]
    public async Task the_services_declare_quorum_queues_when_configured_to()
    {
        var types = await Eventually.Returns(() => Platform.VirtualHost.QueueTypesAsync(),
            t => t.Keys.Any(k => k.Contains("reporting-incident-reported", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
            "reporting's queues are declared");
        types.Where(t => !t.Key.EndsWith("_error", StringComparison.Ordinal) && !t.Key.EndsWith("_skipped", StringComparison.Ordinal))
            .ShouldAllBe(t => t.Value == "quorum", string.Join(", ", types.Select(t => $"{t.Key}={t.Value}")));
    }
}

public abstract class BrokerCut<TPlatform>(TPlatform platform, ITestOutputHelper output) where TPlatform : BrokerBehindAProxy
{
    protected TPlatform Platform => platform;

    private const int Burst = 50;
    private const int DuringOutage = 15;

    [Fact]
    public async Task a_broker_cut_during_a_burst_of_50_reports_loses_nothing_and_reporting_counts_each_exactly_once()
    {
        using var staff = await platform.Identity.ClientForAsync("staff.blakehill", platform.Incident.CreateClient());
        var run = $"burst-{Guid.NewGuid():N}"[..14];
        var acknowledged = new ConcurrentBag<Guid>();
        var failures = new ConcurrentBag<string>();
        var next = -1;
        var cut = new TaskCompletionSource();

        async Task Worker()
        {
            while (Interlocked.Increment(ref next) is var i && i < Burst)
            {
                // The last reports of the burst are held back until the cut, so they are made with the broker gone.
                if (i >= Burst - DuringOutage) await cut.Task;
                var outcome = await Concerns.ReportAsync(staff, $"{run}-{i}");
                if (outcome.Status == HttpStatusCode.Created) acknowledged.Add(outcome.Id!.Value);
                else failures.Add($"{outcome.Status}: {outcome.Body}");
            }
        }

        var burst = Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Worker()));
        // Cut while messages flow: some already in reporting, the rest between the outbox, the broker and the consumer.
        var inReportingAtCut = (await Eventually.Returns(() => Sql.ReportedIncidents(platform.ReportingDb, Schools.Blakehill),
            ids => ids.Count >= 5, TimeSpan.FromSeconds(30), "reports flow to reporting before the cut")).Count;
        platform.Broker.Cut();
        var acknowledgedAtCut = acknowledged.Count;
        cut.SetResult();
        await burst;
        failures.ShouldBeEmpty("reporting a concern must not depend on the broker");
        output.WriteLine($"cut when {acknowledgedAtCut} reports were acknowledged and reporting held {inReportingAtCut}; " +
            $"{Burst - acknowledgedAtCut} more were reported with the broker gone");
        inReportingAtCut.ShouldBeLessThan(Burst);
        platform.Broker.Restore();

        var restored = System.Diagnostics.Stopwatch.StartNew();
        List<Guid> reported;
        try
        {
            // Generous: the deadline only bounds a failing run on a loaded machine; the time taken is printed, not asserted.
            reported = await Eventually.Returns(() => Sql.ReportedIncidents(platform.ReportingDb, Schools.Blakehill),
                ids => ids.Count >= Burst, TimeSpan.FromSeconds(120), $"all {Burst} reports reach reporting after the broker returns");
        }
        catch (TimeoutException timedOut)
        {
            // Say where the missing reports are: still in incident's outbox, in a queue, or held by a consumer.
            var queues = await platform.VirtualHost.QueueStatesAsync();
            throw new TimeoutException($"{timedOut.Message}; queues: " +
                string.Join(", ", queues.Where(q => q.Key.Contains("incident-reported", StringComparison.Ordinal)).Select(q => $"{q.Key} {q.Value}")),
                timedOut);
        }
        output.WriteLine($"all {Burst} in reporting {restored.Elapsed.TotalSeconds:0.0} s after the broker returned; " +
            $"reporting's consumer ran {platform.ReportingConsumed.Of<TrustSafety.Contracts.Incident.IncidentReported>()} times");

        reported.Order().ShouldBe(acknowledged.Order(), "reporting holds exactly the acknowledged incidents");
        (await Sql.ReportingMarkers(platform.ReportingDb, Schools.Blakehill)).ShouldBe(Burst,
            "a re-delivered message was taken in twice (one processed-message marker per message expected)");
        (await Sql.Scalar<int>(platform.ReportingDb, "select coalesce(sum(reported), 0)::int from reporting.rpt_school_month where school = @s",
            ("s", Schools.Blakehill))).ShouldBe(Burst, "the rollups count each report once");
    }
}
