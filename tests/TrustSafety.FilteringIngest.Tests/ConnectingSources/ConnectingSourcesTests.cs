using TrustSafety.FilteringIngest.ConnectingSources;
using static TrustSafety.FilteringIngest.Tests.Sources.SourceDecisionGivens;

namespace TrustSafety.FilteringIngest.Tests.ConnectingSources;

public sealed class ConnectingSourcesTests
{
    public static TheoryData<string, RegisterSource, string?, string[]> Refusals() => new()
    {
        { "no name", new(null, "cef", null, null, null, null, null), null, ["name"] },
        { "unknown format", new("x", "xml", null, null, null, null, null), null, ["format"] },
        { "school admin registering another school", new("x", "cef", "141002", null, null, null, null), "141001", ["schoolUrn"] },
        { "bad urn", new("x", "cef", "12", null, null, null, null), null, ["schoolUrn"] },
        { "bad sender", new("x", "cef", null, ["10.0.0.300", "10.0.0.0/8"], null, null, null), null, ["allowedSenders"] },
        { "rate out of range", new("x", "cef", null, null, 0, null, null), null, ["rateLimitPerSecond"] },
        { "unknown zone", new("x", "cef", null, null, null, null, "Mars/Olympus"), null, ["timeZone"] },
        { "everything wrong at once", new("", "xml", "1", ["nope"], -1, null, "x"), null, ["name", "format", "schoolUrn", "allowedSenders", "rateLimitPerSecond", "timeZone"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void registering_refuses_bad_commands_naming_each_field(string name, RegisterSource command, string? callerSchool, string[] fields)
    {
        var (source, errors) = Register(command, callerSchool);
        source.ShouldBeNull(name);
        errors.Keys.Order().ShouldBe(fields.Order(), name);
    }

    [Fact]
    public void a_school_admin_registers_for_their_own_school_and_a_trust_admin_may_register_trust_wide()
    {
        Register(new("a", "cef", null, null, null, null, null), "141001").Item1!.SchoolUrn.ShouldBe("141001");
        Register(new("b", "cef", null, null, null, null, null), null).Item1!.IsTrustWide.ShouldBeTrue();
        Register(new("c", "CEF", "141003", ["10.0.0.0/24"], 5, null, null), null).Item1!.Format.ShouldBe("cef");
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.1.0.0/23")]
    [InlineData("::/0")]
    [InlineData("2001:db8::/48")]
    public void an_allow_list_range_wider_than_the_configured_prefix_is_refused_naming_allowed_senders(string entry)
    {
        var (source, errors) = Register(new("x", "fortigate-kv", null, ["10.9.9.9", entry], null, null, null), "141001");
        source.ShouldBeNull();
        errors.Keys.ShouldBe(["allowedSenders"]);
        errors["allowedSenders"].ShouldHaveSingleItem().ShouldContain(entry);
    }

    [Theory]
    [InlineData("10.1.2.0/24")]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8:1:2::/64")]
    [InlineData("2001:db8::7")]
    public void a_range_at_or_narrower_than_the_prefix_is_accepted(string entry) =>
        Register(new("x", "fortigate-kv", null, [entry], null, null, null), "141001").Item1.ShouldNotBeNull();

    [Fact]
    public void the_prefix_bound_comes_from_configuration()
    {
        var (source, errors) = ConnectSource.Decide(new("x", "cef", null, ["10.1.2.0/24"], null, null, null), new AdminScope("141001"),
            Formats, Guid.NewGuid(), "enc", 100, Now, "it", new SenderLimits(28, 64));
        source.ShouldBeNull();
        errors["allowedSenders"].ShouldHaveSingleItem().ShouldContain("/28");
    }

    [Fact]
    public void a_school_urn_outside_the_trust_is_refused_naming_school_urn()
    {
        var (source, errors) = ConnectSource.Decide(new("x", "cef", "999999", null, null, null, null), new AdminScope(null),
            Formats, Guid.NewGuid(), "enc", 100, Now, "it.admin", trustSchools: new HashSet<string> { "141001", "141002" });
        source.ShouldBeNull();
        errors.Keys.ShouldBe(["schoolUrn"]);
        errors["schoolUrn"].ShouldHaveSingleItem().ShouldContain("141001, 141002");
    }

    [Theory]
    [InlineData("10.4.4.0/24", "10.4.4.9", true)]
    [InlineData("10.4.4.9", "10.4.4.0/24", true)]
    [InlineData("10.4.4.9", "::ffff:10.4.4.9", true)]
    [InlineData("10.4.4.0/25", "10.4.4.128/25", false)]
    [InlineData("10.4.4.0/24", "2001:db8::/64", false)]
    [InlineData("2001:db8::/64", "2001:db8::1", true)]
    public void overlapping_entries_of_live_sources_are_conflicts_and_revoked_sources_do_not_count(string mine, string theirs, bool conflict)
    {
        var other = Owner("Caldecote FortiGate", Now, theirs);
        var conflicts = SenderConflict.Find([mine], [other]);
        conflicts.Count.ShouldBe(conflict ? 1 : 0);
        if (conflict) conflicts[0].Describe().ShouldContain(other.Id.ToString());
        other.State = SourceStates.Revoked;
        SenderConflict.Find([mine], [other]).ShouldBeEmpty();
    }
}
