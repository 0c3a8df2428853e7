using JasperFx.Events;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.Pupils;
using TrustSafety.Consent.RecordingStaffAccounts;
using TrustSafety.Contracts.Reference;
using TrustSafety.Contracts;
using TrustSafety.EventSourcing.EventStore;
using Contract = TrustSafety.Contracts.Consent;

namespace TrustSafety.Consent.Integration;

/// <summary>What other services learn from consent: ids, types, versions, dates and account references — never a name.</summary>
public sealed class ConsentIntegrationEvents : IIntegrationEventMapper
{
    public IReadOnlyCollection<Type> ForwardedEventTypes { get; } =
    [
        typeof(ConsentGranted), typeof(ConsentRefused), typeof(ConsentRevoked), typeof(ConsentLapsed),
        typeof(AupVersionIssued), typeof(AupSignatureRecorded), typeof(AupSignatureLapsed),
        typeof(PupilDetailsRecorded), typeof(PupilSignInAccountsSet), typeof(StaffSignInAccountsSet), typeof(PupilLeavingDateRecorded),
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
        PupilDetailsRecorded e => new Contract.PupilDateOfBirthRecorded(committed.TenantId, e.At, e.PupilId, e.DateOfBirth),
        PupilSignInAccountsSet e => new Contract.PupilSignInAccountsChanged(committed.TenantId, e.At, e.PupilId, Refs(e.Accounts)),
        StaffSignInAccountsSet e => new Contract.StaffSignInAccountsChanged(committed.TenantId, e.At, e.StaffId, Refs(e.Accounts)),
        PupilLeavingDateRecorded e => new Contract.PupilLeavingDateChanged(committed.TenantId, e.At, e.PupilId, e.LeavingDate),
        _ => null,
    };

    /// <summary>Accounts leave consent only as the references filtering-ingest also uses (UserRef).</summary>
    private static IReadOnlyList<string> Refs(IReadOnlyList<string> accounts) =>
        accounts.Select(SignInAccountRef.Of).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
}
