using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.NetworkIdentities;

namespace TrustSafety.DeviceRegister.Tests.NetworkIdentities;

public sealed class NetworkIdentityTests
{
    [Theory]
    [InlineData("ip", " 10.1.4.23 ", "10.1.4.23")]
    [InlineData("ip", "fe80::1", "fe80::1")]
    [InlineData("ip-range", "10.1.4.0/24", "10.1.4.0-10.1.4.255")]
    [InlineData("ip-range", "10.1.4.10 - 10.1.4.50", "10.1.4.10-10.1.4.50")]
    [InlineData("hostname", "BH-LAP-0042.Blakehill.local", "bh-lap-0042.blakehill.local")]
    [InlineData("mac", "3C-22-FB-12-AB-9E", "3c:22:fb:12:ab:9e")]
    [InlineData("mac", "3c22.fb12.ab9e", "3c:22:fb:12:ab:9e")]
    [InlineData("user", " J.Smith@Blakehill.SCH.uk ", "j.smith@blakehill.sch.uk")]
    [InlineData("user", "BLAKEHILL\\JSmith", "blakehill\\jsmith")]
    [InlineData("user", "o'brien.k+lab@caldecote.sch.uk", "o'brien.k+lab@caldecote.sch.uk")]
    [InlineData("user", "JSmith", "jsmith")]
    public void identities_are_stored_in_one_normal_form(string kind, string value, string normal) =>
        NetworkAddressParser.Parse(kind, value).Address!.Value.ShouldBe(normal);

    [Theory]
    [InlineData("ip", "10.1.4.300")]
    [InlineData("ip", "10.1.4.0/24")]
    [InlineData("ip-range", "10.1.4.7/24")]
    [InlineData("ip-range", "10.1.4.50-10.1.4.10")]
    [InlineData("hostname", "bad host")]
    [InlineData("mac", "3c:22:fb")]
    [InlineData("user", "j smith@blakehill.sch.uk")]
    [InlineData("user", "j.smith@@blakehill.sch.uk")]
    [InlineData("user", "blakehill/jsmith")]
    [InlineData("user", "@blakehill.sch.uk")]
    [InlineData("bluetooth", "x")]
    public void a_malformed_identity_is_refused_with_an_example_of_a_good_one(string kind, string value) =>
        NetworkAddressParser.Parse(kind, value).Error.ShouldNotBeNull().ShouldContain("e.g.", Case.Insensitive);

    [Fact]
    public void a_lease_of_the_same_address_on_another_device_ends_where_the_new_one_starts()
    {
        var laptop = TestDevices.School();
        var ipad = TestDevices.School("ipad");
        var old = Lease(laptop.Id, "10.1.4.23", TestDevices.Now.AddHours(-6), null);

        var decision = NetworkIdentityDecider.Decide(ipad, Ip("10.1.4.23"), TestDevices.Now, null, [old], Guid.NewGuid(), TestDevices.It,
            TestDevices.Now);

        decision.Outcome.Accepted.ShouldBeTrue();
        var ended = decision.Superseded.ShouldHaveSingleItem();
        (ended.DeviceId, ended.IdentityId, ended.ValidTo).ShouldBe((laptop.Id, old.Id, TestDevices.Now));
    }

    [Fact]
    public void a_lease_that_starts_inside_the_new_period_is_a_conflict_not_a_guess()
    {
        var other = Lease(Guid.NewGuid(), "10.1.4.23", TestDevices.Now.AddHours(1), null);

        var decision = NetworkIdentityDecider.Decide(TestDevices.School(), Ip("10.1.4.23"), TestDevices.Now, null, [other], Guid.NewGuid(),
            TestDevices.It, TestDevices.Now);

        decision.Outcome.Rejection.ShouldNotBeNull().Detail.ShouldContain("validTo");
        decision.Superseded.ShouldBeEmpty();
    }

    [Fact]
    public void an_account_signed_in_on_another_device_stays_signed_in_there()
    {
        var laptop = TestDevices.School();
        var ipad = TestDevices.School("ipad");
        var onLaptop = Lease(laptop.Id, "j.smith@blakehill.sch.uk", TestDevices.Now.AddHours(-1), null, IdentityKinds.User);
        var laterOnLaptop = Lease(laptop.Id, "j.smith@blakehill.sch.uk", TestDevices.Now.AddHours(1), null, IdentityKinds.User);

        var decision = NetworkIdentityDecider.Decide(ipad, User("J.Smith@blakehill.sch.uk"), TestDevices.Now, null, [onLaptop, laterOnLaptop],
            Guid.NewGuid(), TestDevices.It, TestDevices.Now);

        decision.Outcome.Accepted.ShouldBeTrue();
        decision.Superseded.ShouldBeEmpty();
    }

    [Fact]
    public void an_account_recorded_twice_on_the_same_device_for_overlapping_periods_is_a_conflict()
    {
        var laptop = TestDevices.School();
        var current = Lease(laptop.Id, "j.smith@blakehill.sch.uk", TestDevices.Now.AddHours(-1), null, IdentityKinds.User);

        var decision = NetworkIdentityDecider.Decide(laptop, User("j.smith@blakehill.sch.uk"), TestDevices.Now, null, [current], Guid.NewGuid(),
            TestDevices.It, TestDevices.Now);

        decision.Outcome.Rejection.ShouldNotBeNull().Detail.ShouldContain("end that record");
    }

    [Fact]
    public void attribution_prefers_an_exact_address_to_a_range_and_never_picks_between_two_devices()
    {
        var at = TestDevices.Now;
        var range = Lease(Guid.NewGuid(), "10.1.4.0-10.1.4.255", at.AddDays(-1), null, IdentityKinds.IpRange);
        var exact = Lease(Guid.NewGuid(), "10.1.4.23", at.AddHours(-1), null);
        var rival = Lease(Guid.NewGuid(), "10.1.4.23", at.AddHours(-2), null);
        var expired = Lease(Guid.NewGuid(), "10.1.4.23", at.AddHours(-5), at.AddHours(-3));

        AttributionDecider.Choose([range, exact, expired], at).Lease.ShouldBe(exact);
        AttributionDecider.Choose([range], at).Lease.ShouldBe(range);
        AttributionDecider.Choose([exact, rival], at).Reason.ShouldNotBeNull().ShouldContain("will not guess");
        AttributionDecider.Choose([expired], at).Lease.ShouldBeNull();
    }

    private static NetworkAddress User(string value) => NetworkAddressParser.Parse(IdentityKinds.User, value).Address!;

    private static NetworkAddress Ip(string value) => NetworkAddressParser.Parse(IdentityKinds.Ip, value).Address!;

    private static NetworkLease Lease(Guid device, string value, DateTimeOffset from, DateTimeOffset? to, string kind = IdentityKinds.Ip) =>
        new() { Id = Guid.NewGuid(), DeviceId = device, Kind = kind, Value = value, ValidFrom = from, ValidTo = to };
}
