using JasperFx.Events;
using TrustSafety.Consent.Aup;
using TrustSafety.Consent.Consents;
using TrustSafety.Contracts;
using TrustSafety.ServiceDefaults.EventStore;
using Contract = TrustSafety.Contracts.Consent;

namespace TrustSafety.Consent.Integration;

/// <summary>What other services learn from consent: ids, types, versions and dates — never a name.</summary>
public sealed class ConsentIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } =
    [
        typeof(ConsentGranted), typeof(ConsentRefused), typeof(ConsentRevoked), typeof(ConsentLapsed),
        typeof(AupVersionIssued), typeof(AupSignatureRecorded), typeof(AupSignatureLapsed),
    ];

    public IIntegrationEvent? Map(IEvent committed) => committed.Data switch
    {
        ConsentGranted e => new Contract.ConsentGiven(committed.TenantId, e.At, e.PupilId, e.TypeCode, e.WordingVersion,
            e.ValidUntil ?? DateOnly.MaxValue),
        ConsentRefused e => new Contract.ConsentDeclined(committed.TenantId, e.At, e.PupilId, e.TypeCode, e.WordingVersion),
        ConsentRevoked e => new Contract.ConsentWithdrawn(committed.TenantId, e.At, e.PupilId, e.TypeCode),
        ConsentLapsed e => new Contract.ConsentExpired(committed.TenantId, e.At, e.PupilId, e.TypeCode, e.ExpiredOn, e.Reason),
        AupVersionIssued e => new Contract.AupVersionPublished(committed.TenantId, e.At, e.Audience, e.AupId, e.Version,
            e.OlderSignaturesLapseOn),
        AupSignatureRecorded e => new Contract.AupSigned(committed.TenantId, e.SignedAt, e.PersonId, e.Audience, e.AupId, e.Version, e.SignedAt),
        AupSignatureLapsed e => new Contract.AupLapsed(committed.TenantId, e.At, e.PersonId, e.Audience, e.AupId, e.LapsedVersion, e.Reason),
        _ => null,
    };
}
