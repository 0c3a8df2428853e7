using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.NetworkIdentities;

namespace TrustSafety.DeviceRegister.Tests.Attribution;

public sealed class TrustWideAttributionDeciderTests
{
    private static readonly DateTimeOffset At = TestDevices.Now;
    private static readonly Guid LaptopA = Guid.Parse("0196f000-0000-7000-8000-00000000000a");
    private static readonly Guid LaptopB = Guid.Parse("0196f000-0000-7000-8000-00000000000b");

    private static NetworkLease Lease(string school, Guid device, string kind = "ip", int startedHoursAgo = 2, int? endedHoursAgo = null) => new()
    {
        Id = Guid.NewGuid(), DeviceId = device, Kind = kind, Value = kind switch { "ip" => "10.1.4.23", "ip-range" => "10.1.4.0-10.1.4.255", _ => "j.smith@trust.example" },
        ValidFrom = At.AddHours(-startedHoursAgo), ValidTo = endedHoursAgo is { } h ? At.AddHours(-h) : null, TenantId = school,
    };

    public static TheoryData<string, NetworkLease[], string?, Guid?, string?> Cases() => new()
    {
        { "one school, one device", [Lease("141001", LaptopA)], "141001", LaptopA, null },
        { "one school, exact beats its range", [Lease("141001", LaptopA), Lease("141001", LaptopB, "ip-range")], "141001", LaptopA, null },
        { "another school's lease has ended", [Lease("141001", LaptopA), Lease("141002", LaptopB, endedHoursAgo: 1)], "141001", LaptopA, null },
        { "no school", [], null, null, "No school" },
        { "only ended leases", [Lease("141002", LaptopB, endedHoursAgo: 1)], null, null, "No school" },
        { "two schools, same address", [Lease("141001", LaptopA), Lease("141002", LaptopB)], null, null, "2 schools" },
        { "two schools, exact in one and range in the other", [Lease("141001", LaptopA), Lease("141002", LaptopB, "ip-range")], null, null, "will not guess between schools" },
        { "one school, two devices", [Lease("141001", LaptopA), Lease("141001", LaptopB)], "141001", null, "2 devices" },
        { "an account signed in at one school", [Lease("141002", LaptopB, "user")], "141002", LaptopB, null },
        { "an account signed in on two devices of one school", [Lease("141001", LaptopA, "user"), Lease("141001", LaptopB, "user")], "141001", null, "2 devices" },
        { "an account signed in at two schools", [Lease("141001", LaptopA, "user"), Lease("141002", LaptopB, "user")], null, null, "2 schools" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void trust_wide_attribution_names_one_school_or_none_and_never_guesses(string situation, NetworkLease[] matches,
        string? school, Guid? device, string? reason)
    {
        var (chosenSchool, lease, why) = TrustWideAttributionDecider.Choose(matches, At);

        chosenSchool.ShouldBe(school, situation);
        if (device is null) lease.ShouldBeNull(situation);
        else lease.ShouldNotBeNull(situation).DeviceId.ShouldBe(device.Value, situation);
        if (reason is null) why.ShouldBeNull(situation);
        else why.ShouldNotBeNull(situation).ShouldContain(reason);
    }
}
