using RabbitMQ.Client;

namespace TrustSafety.Consent.Tests.Integration;

/// <summary>What reaches RabbitMQ: a consent event through the forwarder, as the contract other services read.</summary>
public sealed class ConsentIntegrationEventsTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _head = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync() => (_head, _staff) = await fixture.BlakehillAsync("head.blakehill");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task an_aup_signature_reaches_rabbitmq_as_aup_signed_through_the_forwarder()
    {
        var rabbit = await TestServers.RabbitAsync();
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, UserName = rabbit.Username, Password = rabbit.Password,
            VirtualHost = fixture.VirtualHost.Name,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("trustsafety.aup-signed.v1", ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "trustsafety.aup-signed.v1", "");

        var governor = "gov-" + Guid.NewGuid().ToString("N")[..8];
        await _head.HasAup("governor", "Governor AUP");
        (await _staff.PostAsJsonAsync("/aups/governor/signatures", new { personId = governor, channel = "in-person" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var bodies = new List<string>();
        await Eventually.True(async () =>
        {
            while (await channel.BasicGetAsync(queue.QueueName, autoAck: true) is { } delivery)
                bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
            return bodies.Any(b => b.Contains(governor));
        }, TimeSpan.FromSeconds(30), "AupSigned published to RabbitMQ");

        var envelope = JsonDocument.Parse(bodies.First(b => b.Contains(governor))).RootElement;
        var message = envelope.GetProperty("message");
        message.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        message.GetProperty("audience").GetString().ShouldBe("governor");
        message.GetProperty("version").GetInt32().ShouldBe(1);
        envelope.GetProperty("messageId").GetString().ShouldNotBeNullOrEmpty();
    }
}
