using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using TrustSafety.Contracts.Consent;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.DeviceRegister.AupSignatures;

public sealed class RecordAupSigned(IDocumentStore store, TimeProvider time) : IdempotentConsumer<AupSigned>(store, time)
{
    protected override async Task Handle(AupSigned message, IDocumentSession session, ConsumeContext<AupSigned> context)
    {
        var person = await session.LoadAsync<PersonAupSignatures>(message.PersonId, context.CancellationToken)
                     ?? new PersonAupSignatures { Id = message.PersonId };
        person.Signed(message.Audience, message.AupId, message.Version, message.SignedAt);
        session.Store(person);
    }
}

public sealed class RecordAupLapsed(IDocumentStore store, TimeProvider time) : IdempotentConsumer<AupLapsed>(store, time)
{
    protected override async Task Handle(AupLapsed message, IDocumentSession session, ConsumeContext<AupLapsed> context)
    {
        var person = await session.LoadAsync<PersonAupSignatures>(message.PersonId, context.CancellationToken)
                     ?? new PersonAupSignatures { Id = message.PersonId };
        person.Lapsed(message.Audience, message.AupId, message.LapsedVersion, message.Reason);
        session.Store(person);
    }
}

/// <summary>
/// Both consumers share one queue taking one message at a time, so a person's signed/lapsed messages are applied in
/// turn within a replica; across replicas the document's optimistic concurrency makes the loser retry.
/// </summary>
public static class AupSignaturesEndpoint
{
    public static string Name(IConfiguration configuration) =>
        $"{configuration["RabbitMq:EndpointPrefix"] ?? "device-register"}-aup-signatures";
}

public sealed class RecordAupSignedDefinition : ConsumerDefinition<RecordAupSigned>
{
    public RecordAupSignedDefinition(IConfiguration configuration)
    {
        EndpointName = AupSignaturesEndpoint.Name(configuration);
        ConcurrentMessageLimit = 1;
    }
}

public sealed class RecordAupLapsedDefinition : ConsumerDefinition<RecordAupLapsed>
{
    public RecordAupLapsedDefinition(IConfiguration configuration)
    {
        EndpointName = AupSignaturesEndpoint.Name(configuration);
        ConcurrentMessageLimit = 1;
    }
}
