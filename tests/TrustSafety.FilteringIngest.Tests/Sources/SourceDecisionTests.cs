using TrustSafety.FilteringIngest.ConnectingSources;
using TrustSafety.FilteringIngest.PausingSources;
using TrustSafety.FilteringIngest.RevokingSources;
using TrustSafety.FilteringIngest.RotatingSourceSecret;
using TrustSafety.FilteringIngest.Sources;

namespace TrustSafety.FilteringIngest.Tests.Sources;

public sealed class SourceDecisionTests
{
    private static readonly DateTimeOffset Now = new(2025, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Formats = ["canonical-json", "fortigate-kv", "cef"];

    private static (Source?, Dictionary<string, string[]>) Register(RegisterSource command, string? callerSchool) =>
        ConnectSource.Decide(command, new AdminScope(callerSchool), Formats, Guid.NewGuid(), "enc", 100, Now, "it.admin");

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

    [Fact]
    public void rotation_keeps_the_old_secret_until_the_overlap_ends()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RotateSourceSecret.Decide(source, "enc2", TimeSpan.FromHours(1), Now, "x").ShouldBeNull();
        source.ValidSecrets(Now.AddMinutes(30)).Select(s => s.Encrypted).ShouldBe(["enc", "enc2"]);
        source.ValidSecrets(Now.AddMinutes(61)).Select(s => s.Encrypted).ShouldBe(["enc2"]);
    }

    [Fact]
    public void rotation_without_overlap_invalidates_the_old_secret_at_once()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RotateSourceSecret.Decide(source, "enc2", TimeSpan.Zero, Now, "x").ShouldBeNull();
        source.ValidSecrets(Now).Select(s => s.Encrypted).ShouldBe(["enc2"]);
    }

    public static TheoryData<string, string, string, bool> Transitions() => new()
    {
        { "pause active", SourceStates.Active, "pause", true },
        { "pause paused", SourceStates.Paused, "pause", false },
        { "resume paused", SourceStates.Paused, "resume", true },
        { "resume active", SourceStates.Active, "resume", false },
        { "revoke active", SourceStates.Active, "revoke", true },
        { "revoke paused", SourceStates.Paused, "revoke", true },
        { "revoke revoked", SourceStates.Revoked, "revoke", false },
        { "resume revoked", SourceStates.Revoked, "resume", false },
        { "rotate revoked", SourceStates.Revoked, "rotate", false },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void state_changes(string name, string from, string action, bool allowed)
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        source.State = from;
        var problem = action switch
        {
            "pause" => PauseSource.Decide(source, Now, "x"),
            "resume" => ResumeSource.Decide(source, Now, "x"),
            "revoke" => RevokeSource.Decide(source, Now, "x"),
            _ => RotateSourceSecret.Decide(source, "e", TimeSpan.Zero, Now, "x"),
        };
        (problem is null).ShouldBe(allowed, name);
    }

    [Fact]
    public void a_revoked_source_has_no_valid_secret()
    {
        var source = Register(new("a", "cef", null, null, null, null, null), null).Item1!;
        RevokeSource.Decide(source, Now, "x");
        source.ValidSecrets(Now).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", true)]
    [InlineData("10.0.0.0/24", "10.0.0.77", true)]
    [InlineData("10.0.0.0/24", "10.0.1.1", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    public void sender_allow_list(string entry, string sender, bool allowed) =>
        SenderAllowList.Allows([entry], System.Net.IPAddress.Parse(sender)).ShouldBe(allowed);

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

    private static Source Owner(string name, DateTimeOffset at, params string[] senders) =>
        new() { Id = Guid.NewGuid(), Name = name, AllowedSenders = senders, RegisteredAt = at };

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

    [Fact]
    public void routing_takes_the_most_specific_entry_whatever_the_order_then_the_earliest_registration()
    {
        var wide = Owner("wide", Now, "10.5.0.0/24");
        var narrow = Owner("narrow", Now.AddDays(1), "10.5.0.7");
        var sender = System.Net.IPAddress.Parse("10.5.0.7");
        SenderAllowList.Route([wide, narrow], s => s, sender).ShouldBeSameAs(narrow);
        SenderAllowList.Route([narrow, wide], s => s, sender).ShouldBeSameAs(narrow);
        SenderAllowList.Route([narrow, wide], s => s, System.Net.IPAddress.Parse("10.5.0.8")).ShouldBeSameAs(wide);

        var later = Owner("later", Now.AddDays(2), "10.5.0.0/24");
        SenderAllowList.Route([later, wide], s => s, System.Net.IPAddress.Parse("10.5.0.9")).ShouldBeSameAs(wide);
        SenderAllowList.Route([wide, later], s => s, System.Net.IPAddress.Parse("10.5.0.9")).ShouldBeSameAs(wide);
        SenderAllowList.Route([wide, later], s => s, System.Net.IPAddress.Parse("10.6.0.1")).ShouldBeNull();
    }
}
