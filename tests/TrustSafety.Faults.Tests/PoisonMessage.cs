using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using TrustSafety.Contracts.Incident;
using TrustSafety.Contracts.Reference;
using TrustSafety.Testing;
using Xunit.Abstractions;
using TrustSafety.Platform;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// A consumer that cannot take one message: reporting refuses a fact for a school it is not configured for.
/// The message is parked in <c>_error</c> after the in-process retries, the rest keep flowing, and once the school
/// is configured <c>tools/replay-errors.sh</c> moves it back and it is taken in once. Classic queues (the local
/// default); <see cref="PoisonMessageOnQuorumQueues"/> runs the same with production's quorum queues.
/// </summary>
public class PoisonMessage(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary><c>RabbitMq:QuorumQueues</c> for reporting (production sets it true).</summary>
    protected virtual bool QuorumQueues => false;

    private const string NewAcademy = "149999";
    private IdentityServer _identity = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<TrustSafety.Reporting.EntryPoint>? _before;

    /// <summary>Reporting's IncidentReported queue (a shared "/" vhost adds the test's prefix).</summary>
    private string Queue => (_vhost.EndpointPrefix is null ? "" : _vhost.EndpointPrefix + "-") + "reporting-incident-reported";

    public async Task InitializeAsync()
    {
        _identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("faults_poison");
        _vhost = await TestVirtualHost.CreateAsync();
    }

    [Fact]
    public async Task a_fact_for_an_unconfigured_school_waits_in_the_error_queue_while_others_flow_and_is_taken_in_once_after_the_fix_and_replay()
    {
        var poison = Reported(NewAcademy);
        var poisonId = Guid.NewGuid();
        var good = Enumerable.Range(0, 5).Select(_ => Reported(Schools.Blakehill)).ToList();

        var before = _before = await ReportingAsync(configured: [.. DemoTrust.Schools]);
        var types = await _vhost.QueueTypesAsync();
        types.ShouldContainKey(Queue);
        types[Queue].ShouldBe(QuorumQueues ? "quorum" : "classic", $"{Queue} is {types[Queue]}");
        {
            var bus = before.Services.GetRequiredService<IBus>();
            await bus.PublishAs(poison, poisonId);
            foreach (var message in good) await bus.PublishAs(message, Guid.NewGuid());

            await Eventually.True(async () => await ErrorQueueDepth() == 1, TimeSpan.FromSeconds(30),
                $"the message for {NewAcademy} lands in {Queue}_error after its retries");
            var flowed = await Eventually.Returns(() => Sql.ReportedIncidents(_db.ConnectionString, Schools.Blakehill),
                ids => ids.Count == good.Count, TimeSpan.FromSeconds(30), "the messages behind the failing one are taken in");
            flowed.Order().ShouldBe(good.Select(g => g.IncidentId).Order());
            (await Sql.ReportedIncidents(_db.ConnectionString, NewAcademy)).ShouldBeEmpty();

            var replayedTooEarly = await Replay();
            replayedTooEarly.ExitCode.ShouldBe(0, replayedTooEarly.Output);
            await Eventually.True(async () => await ErrorQueueDepth() == 1, TimeSpan.FromSeconds(30),
                "replayed before the fix, the message fails again and is parked again, not lost");
        }

        // The fix: the new academy is added to reporting's configuration and reporting restarts. (The new host starts
        // before the old one stops: MassTransit keeps a process-wide log context that must not point at a disposed host.)
        await using var after = await ReportingAsync(configured: [.. DemoTrust.Schools, new School(NewAcademy, "Riverside Academy", "riverside", 420)]);
        await before.DisposeAsync();
        _before = null;
        (await ErrorQueueDepth()).ShouldBe(1, "nothing takes a parked message back on its own");

        var replay = await Replay();
        output.WriteLine(replay.Output);
        replay.ExitCode.ShouldBe(0, replay.Output);
        replay.Output.ShouldContain($"moved 1 message(s) from {Queue}_error to {Queue}");

        var taken = await Eventually.Returns(() => Sql.ReportedIncidents(_db.ConnectionString, NewAcademy),
            ids => ids.Count > 0, TimeSpan.FromSeconds(30), "the replayed message is taken in");
        taken.ShouldBe([poison.IncidentId]);
        (await ErrorQueueDepth()).ShouldBe(0);

        // Replaying again (nothing waiting) and a duplicate of the same message change nothing.
        (await Replay()).Output.ShouldContain("moved 0 message(s)");
        await after.Services.GetRequiredService<IBus>().PublishAs(poison, poisonId);
        await Eventually.True(async () => await Sql.Scalar<int>(_db.ConnectionString,
                "select coalesce(sum(reported), 0)::int from reporting.rpt_school_month where school = @s", ("s", NewAcademy)) == 1,
            TimeSpan.FromSeconds(10), "the replayed incident counted once");
        (await Sql.ReportingMarkers(_db.ConnectionString, NewAcademy)).ShouldBe(1, "the message was taken in more than once");
    }

    private static IncidentReported Reported(string school) => new(Guid.CreateVersion7(), school, DateTimeOffset.UtcNow,
        DateTimeOffset.UtcNow.AddHours(-1), "staff-report", "cyberbullying", "contact", false);

    private async Task<Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<TrustSafety.Reporting.EntryPoint>> ReportingAsync(School[] configured)
    {
        var settings = await PlatformSettings.ForAsync(_db, _vhost, _identity, "reporting");
        settings["RabbitMq:QuorumQueues"] = QuorumQueues ? "true" : "false";
        for (var i = 0; i < configured.Length; i++)
        {
            settings[$"Trust:Schools:{i}:Urn"] = configured[i].Urn;
            settings[$"Trust:Schools:{i}:Name"] = configured[i].Name;
            settings[$"Trust:Schools:{i}:Slug"] = configured[i].Slug;
            settings[$"Trust:Schools:{i}:Pupils"] = configured[i].Pupils.ToString();
        }
        var host = new ServiceHost<TrustSafety.Reporting.EntryPoint>(settings.Quiet());
        await Hosts.WaitUntilReadyAsync(host, "reporting");
        return host;
    }

    /// <summary>The operator's command, as documented in docs/operations.md.</summary>
    private async Task<(int ExitCode, string Output)> Replay()
    {
        var rabbit = await TestServers.RabbitAsync();
        return await Processes.RunAsync("bash", [Path.Combine(Repository.Root, "tools", "replay-errors.sh"), Queue, "--vhost", _vhost.Name],
            new Dictionary<string, string>
            {
                ["TS_RABBIT_HOST"] = rabbit.Host, ["TS_RABBIT_PORT"] = rabbit.Port.ToString(),
                ["TS_RABBIT_USER"] = rabbit.Username, ["TS_RABBIT_PASSWORD"] = rabbit.Password,
            });
    }

    private async Task<long> ErrorQueueDepth()
    {
        var rabbit = await TestServers.RabbitAsync();
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, VirtualHost = _vhost.Name, UserName = rabbit.Username, Password = rabbit.Password,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try { return (await channel.QueueDeclarePassiveAsync(Queue + "_error")).MessageCount; }
        catch (OperationInterruptedException) { return 0; }
    }

    public async Task DisposeAsync()
    {
        if (_before is not null) await _before.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}

/// <summary>The same poison message, parked and replayed, with quorum queues as production runs them.</summary>
public sealed class PoisonMessageOnQuorumQueues(ITestOutputHelper output) : PoisonMessage(output)
{
    protected override bool QuorumQueues => true;
}
