using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using TrustSafety.Contracts;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// Every consuming service on one virtual host (incident's forwarder off, so nothing but the test publishes). Classic
/// queues (the local default); <see cref="AllConsumersOnQuorumQueues"/> declares production's quorum queues.
/// </summary>
public class AllConsumers : IAsyncLifetime
{
    private readonly Owned _owned = new();
    public IdentityServer Identity { get; private set; } = null!;
    public IBusControl Publisher { get; private set; } = null!;
    public Consumer Incident { get; private set; } = null!;
    public Consumer Reporting { get; private set; } = null!;
    public Consumer DeviceRegister { get; private set; } = null!;
    public WebApplicationFactory<TrustSafety.Incident.EntryPoint> IncidentHost { get; private set; } = null!;

    public TestVirtualHost VirtualHost { get; private set; } = null!;

    /// <summary><c>RabbitMq:QuorumQueues</c> for every consuming service (production sets it true).</summary>
    public virtual bool QuorumQueues => false;

    public sealed record Consumer(string Name, string Schema, string ConnectionString, ConsumedCounter Consumed);

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        var vhost = VirtualHost = Own(await TestVirtualHost.CreateAsync());

        async Task<(Consumer, WebApplicationFactory<T>)> Start<T>(string service, string schema) where T : class
        {
            var db = Own(await TestDatabase.CreateAsync("faults_dup_" + schema));
            var settings = await PlatformSettings.ForAsync(db, vhost, Identity, service);
            settings["Daemon:Enabled"] = "false";
            settings["RabbitMq:QuorumQueues"] = QuorumQueues ? "true" : "false";
            var counter = new ConsumedCounter();
            var host = Own(Hosts.Observed(Own(new ServiceHost<T>(settings.Quiet())), counter));
            await Hosts.WaitUntilReadyAsync(host, service);
            return (new Consumer(service, schema, db.ConnectionString, counter), host);
        }

        (Incident, IncidentHost) = await Start<TrustSafety.Incident.EntryPoint>("incident", "incident");
        (Reporting, _) = await Start<TrustSafety.Reporting.EntryPoint>("reporting", "reporting");
        (DeviceRegister, _) = await Start<TrustSafety.DeviceRegister.EntryPoint>("device-register", "device_register");
        Publisher = await Hosts.PublisherAsync(vhost);
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await Publisher.StopAsync();
        await _owned.DisposeAsync();
    }
}

/// <summary>The same services with <c>RabbitMq:QuorumQueues=true</c>, production's setting (single-node quorum queues).</summary>
public sealed class AllConsumersOnQuorumQueues : AllConsumers
{
    public override bool QuorumQueues => true;
}

/// <summary>
/// At-least-once delivery everywhere: each consumer of every service gets the same message (same MessageId) twice,
/// and the second delivery changes nothing in that service's database — no event, no re-stored document.
/// </summary>
public sealed class DuplicateDeliveries(AllConsumers services, ITestOutputHelper output)
    : Duplicates<AllConsumers>(services, output), IClassFixture<AllConsumers>;

/// <summary>The same duplicates with quorum queues, as production runs them.</summary>
public sealed class DuplicateDeliveriesOnQuorumQueues(AllConsumersOnQuorumQueues services, ITestOutputHelper output)
    : Duplicates<AllConsumersOnQuorumQueues>(services, output), IClassFixture<AllConsumersOnQuorumQueues>
{
    [Fact]
    public async Task every_consuming_service_declares_quorum_queues()
    {
        var types = await Services.VirtualHost.QueueTypesAsync();
        // The services' receive queues (the test publisher's own temporary queue is not theirs).
        string[] receivers = ["incident-", "reporting-", "device-register-"];
        var consuming = types.Where(t => receivers.Any(s => t.Key.Contains(s, StringComparison.Ordinal))
            && !t.Key.EndsWith("_error", StringComparison.Ordinal) && !t.Key.EndsWith("_skipped", StringComparison.Ordinal)).ToList();
        consuming.ShouldContain(t => t.Key.Contains("reporting-", StringComparison.Ordinal), string.Join(", ", types.Keys));
        consuming.ShouldAllBe(t => t.Value == "quorum", string.Join(", ", consuming.Select(t => $"{t.Key}={t.Value}")));
    }
}

public abstract class Duplicates<TServices>(TServices services, ITestOutputHelper output) where TServices : AllConsumers
{
    protected TServices Services => services;

    private const string School = Schools.Blakehill;

    public static TheoryData<string> Messages() =>
    [
        nameof(SafeguardingAlertRaised), nameof(FilterEventsAccepted),
        nameof(IncidentReported), nameof(IncidentTriaged), nameof(IncidentClosed), nameof(IncidentReopened),
        nameof(ReferralMade), nameof(ReferralOutcomeRecorded),
        nameof(ConsentGiven), nameof(ConsentWithdrawn), nameof(ConsentExpired), nameof(AupSigned), nameof(AupLapsed),
        nameof(DeviceRegistered), nameof(DeviceAssigned), nameof(DeviceReturned), nameof(DeviceRetired),
        nameof(DeviceCustodyChanged), nameof(DeviceNetworkIdentityChanged),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task a_message_delivered_twice_with_the_same_message_id_has_one_effect_in_every_service_that_consumes_it(string type)
    {
        var (message, consumers) = await Build(type);
        var messageType = message.GetType();
        var messageId = Guid.NewGuid();
        var consumedBefore = consumers.ToDictionary(c => c.Name, c => c.Consumed.Of(messageType));
        var untouched = new Dictionary<string, string>();
        foreach (var c in consumers) untouched[c.Name] = await Sql.Fingerprint(c.ConnectionString, c.Schema);

        await services.Publisher.Publish(message, messageType, context => context.MessageId = messageId);
        await AllConsumed(consumers, messageType, consumedBefore, 1);
        var once = new Dictionary<string, string>();
        foreach (var c in consumers)
        {
            once[c.Name] = await Sql.Fingerprint(c.ConnectionString, c.Schema);
            once[c.Name].ShouldNotBe(untouched[c.Name], $"{c.Name} did nothing with the first delivery of {type}");
        }

        await services.Publisher.Publish(message, messageType, context => context.MessageId = messageId);
        await AllConsumed(consumers, messageType, consumedBefore, 2);
        foreach (var c in consumers)
        {
            (await Sql.Fingerprint(c.ConnectionString, c.Schema)).ShouldBe(once[c.Name],
                $"the duplicate delivery of {type} changed {c.Name}'s database: it had a second effect");
        }
        output.WriteLine($"{type}: consumed twice by {string.Join(", ", consumers.Select(c => c.Name))}; one effect each");
    }

    private static async Task AllConsumed(IEnumerable<AllConsumers.Consumer> consumers, Type type, Dictionary<string, int> before, int deliveries)
    {
        foreach (var c in consumers)
        {
            await Eventually.True(() =>
                {
                    c.Consumed.Faults.ShouldBeEmpty($"{c.Name} failed on {type.Name}");
                    return Task.FromResult(c.Consumed.Of(type) >= before[c.Name] + deliveries);
                },
                TimeSpan.FromSeconds(20), $"{c.Name} consumes delivery {deliveries} of {type.Name}");
        }
    }

    private async Task<(IIntegrationEvent, AllConsumers.Consumer[])> Build(string type)
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var id = Guid.CreateVersion7();
        var device = Guid.CreateVersion7();
        var reporting = new[] { services.Reporting };
        return type switch
        {
            nameof(SafeguardingAlertRaised) => (new SafeguardingAlertRaised(id, School, now, now.AddMinutes(-1), "smoothwall", Guid.NewGuid(),
                "self-harm", "content", 4, "blocked", "https://example.invalid/", null, null, "u-42", "10.0.0.12"), [services.Incident, services.Reporting]),
            nameof(FilterEventsAccepted) => (new FilterEventsAccepted(School, now, [new AcceptedFilterBatch(id, Guid.NewGuid(), "smoothwall", now,
                [new FilterEventSummary(now.AddMinutes(-5), "gambling", "content", 2, "blocked", "dev-1", "user-1")])]), reporting),
            nameof(IncidentReported) => (new IncidentReported(id, School, now, now.AddHours(-1), "staff-report", "cyberbullying", "contact", false), reporting),
            nameof(IncidentTriaged) => (new IncidentTriaged(id, School, now, now.AddHours(-1), "cyberbullying", "contact", 3, false), reporting),
            nameof(IncidentClosed) => (new IncidentClosed(id, School, now, "resolved", "cyberbullying", 3, now.AddDays(-1)), reporting),
            nameof(IncidentReopened) => (new IncidentReopened(id, School, now), reporting),
            nameof(ReferralMade) => (new ReferralMade(id, Guid.NewGuid(), School, now, "mash", today, today.AddDays(7)), reporting),
            nameof(ReferralOutcomeRecorded) => (new ReferralOutcomeRecorded(id, Guid.NewGuid(), School, now, "mash", "no-further-action"), reporting),
            nameof(ConsentGiven) => (new ConsentGiven(School, now, "P-1001", "photography", 1, new DateOnly(9999, 12, 31)), reporting),
            nameof(ConsentWithdrawn) => (new ConsentWithdrawn(School, now, "P-1001", "photography"), reporting),
            nameof(ConsentExpired) => (new ConsentExpired(School, now, "P-1001", "photography", today), reporting),
            nameof(AupSigned) => (new AupSigned(School, now, $"S-{id:N}", AupAudiences.Staff, Guid.NewGuid(), 1, now),
                [services.DeviceRegister, services.Reporting]),
            nameof(AupLapsed) => (new AupLapsed(School, now, $"S-{id:N}", AupAudiences.Staff, Guid.NewGuid(), 1, "new-version"),
                [services.DeviceRegister, services.Reporting]),
            nameof(DeviceRegistered) => (new DeviceRegistered(device, School, now, "laptop", "A-1"), reporting),
            nameof(DeviceAssigned) => (new DeviceAssigned(device, School, now, "pupil", "P-1001", false), reporting),
            nameof(DeviceReturned) => (new DeviceReturned(device, School, now), reporting),
            nameof(DeviceRetired) => (new DeviceRetired(device, School, now, "broken"), reporting),
            nameof(DeviceCustodyChanged) => (new DeviceCustodyChanged(device, School, now, "handed-in", await AnIncident(), "held", "school"),
                [services.Incident, services.Reporting]),
            nameof(DeviceNetworkIdentityChanged) => (new DeviceNetworkIdentityChanged(device, School, now, "ip", "10.0.0.5", now, null,
                null, null, Guid.NewGuid()), reporting),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no sample message"),
        };
    }

    /// <summary>An incident a custody step can join (the consumer ignores steps for unknown incidents).</summary>
    private async Task<Guid> AnIncident()
    {
        using var staff = await services.Identity.ClientForAsync("staff.blakehill", services.IncidentHost.CreateClient());
        var outcome = await Concerns.ReportAsync(staff, $"dup-{Guid.NewGuid():N}");
        return outcome.Id ?? throw new InvalidOperationException($"{outcome.Status} {outcome.Body}");
    }
}
