using Marten.Events.Projections;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.NetworkIdentities;

/// <summary>
/// One network identity of one device for a period: the row the attribution lookup queries (indexed on value and
/// IPv4 range), kept inline with the device stream so a lookup right after a change sees it.
/// </summary>
public sealed class NetworkLease
{
    public Guid Id { get; set; }
    public Guid DeviceId { get; set; }
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
    public long? IpStart { get; set; }
    public long? IpEnd { get; set; }
    public DateTimeOffset ValidFrom { get; set; }
    public DateTimeOffset? ValidTo { get; set; }
    /// <summary>The school (tenant) holding the lease, mapped from Marten's tenant column for trust-wide lookups.</summary>
    public string TenantId { get; set; } = "";

    public bool Covers(DateTimeOffset at) => ValidFrom <= at && (ValidTo is null || at < ValidTo);
}

public sealed class NetworkLeaseProjection : MultiStreamProjection<NetworkLease, Guid>
{
    public NetworkLeaseProjection()
    {
        Identity<NetworkIdentityAdded>(e => e.IdentityId);
        Identity<NetworkIdentityEnded>(e => e.IdentityId);
    }

    public static NetworkLease Create(NetworkIdentityAdded e)
    {
        var (address, _) = NetworkAddressParser.Parse(e.Kind, e.Value);
        return new NetworkLease
        {
            Id = e.IdentityId, DeviceId = e.DeviceId, Kind = e.Kind, Value = e.Value, IpStart = address?.Start,
            IpEnd = address?.End, ValidFrom = e.ValidFrom, ValidTo = e.ValidTo,
        };
    }

    public void Apply(NetworkIdentityEnded e, NetworkLease lease) => lease.ValidTo = e.ValidTo;
}
