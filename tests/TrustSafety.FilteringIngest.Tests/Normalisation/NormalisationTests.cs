using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Tests.Normalisation;

public sealed class NormalisationTests
{
    private static readonly Guid SourceId = Guid.NewGuid();

    public static TheoryData<string, string, VendorCategory[], string, string, int?, int, bool> Cases() => new()
    {
        { "fortiguard 83 is IWF, always 5", "fortinet", [new("83", "Child Abuse")], FilterActions.Blocked, Uksic.Iwf, 1, 5, true },
        { "fortiguard label only terrorism is CTIRU", "fortinet", [new(null, "Terrorism")], FilterActions.Blocked, Uksic.Ctiru, null, 5, true },
        { "fortiguard 11 gambling is commerce", "fortinet", [new("11", "Gambling")], FilterActions.Blocked, Uksic.Gambling, 2, 2, false },
        { "smoothwall suicide is self harm", "smoothwall", [new(null, "Suicide")], FilterActions.Monitored, Uksic.SelfHarm, null, 4, true },
        { "most serious of several categories wins", "cisco-umbrella", [new(null, "Games"), new(null, "Pornography"), new(null, "Gambling")], FilterActions.Blocked, Uksic.Pornography, null, 3, false },
        { "unknown category is other and counted", "fortinet", [new("999", "Knitting")], FilterActions.Allowed, Uksic.Other, null, 1, false },
        { "vendor severity 4 alerts", "fortinet", [new("26", "Malicious Websites")], FilterActions.Blocked, Uksic.MalwareHacking, 4, 4, true },
        { "canonical uksic code as label", "canonical", [new(null, "illegal-ctiru")], FilterActions.Blocked, Uksic.Ctiru, 2, 5, true },
        { "no category at all", "squid", [], FilterActions.Allowed, Uksic.Other, null, 1, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void crosswalk_and_severity(string name, string vendor, VendorCategory[] categories, string action, string uksic, int? vendorSeverity, int severity, bool alerts)
    {
        var record = new VendorRecord { OccurredAt = DateTimeOffset.UtcNow, Action = action, Categories = categories, Severity = vendorSeverity, RawDigest = "d" };
        var e = Normaliser.Normalise(record, SourceId, vendor, SeedCrosswalk.Build());
        e.Uksic.ShouldBe(uksic, name);
        e.Severity.ShouldBe(severity, name);
        Normaliser.RaisesAlert(e).ShouldBe(alerts, name);
        e.UnknownCategory.ShouldBe(uksic == Uksic.Other && categories.Length > 0, name);
    }

    [Fact]
    public void an_admin_extension_maps_a_previously_unknown_category()
    {
        var record = new VendorRecord { OccurredAt = DateTimeOffset.UtcNow, Action = FilterActions.Blocked, Categories = [new("999", "Knitting")], RawDigest = "d" };
        var extended = SeedCrosswalk.Build(new Dictionary<string, IReadOnlyList<CrosswalkEntry>>
            { ["fortinet"] = [new("999", null, Uksic.Violence, "content")] }, 1);
        Normaliser.Normalise(record, SourceId, "fortinet", extended).Uksic.ShouldBe(Uksic.Violence);
        extended.Version.ShouldNotBe(SeedCrosswalk.Build().Version);
    }

    [Fact]
    public void the_idempotency_key_is_the_vendor_id_or_else_the_raw_hash_and_revisions_get_their_own()
    {
        var withId = new VendorRecord { OccurredAt = DateTimeOffset.UtcNow, SourceEventId = "x1", RawDigest = "abc" };
        Normaliser.Normalise(withId, SourceId, "v", SeedCrosswalk.Build()).Key.ShouldBe("id:x1");
        Normaliser.Normalise(withId with { SourceEventId = null }, SourceId, "v", SeedCrosswalk.Build()).Key.ShouldBe("raw:abc");
        var revision = Normaliser.Normalise(withId with { Revision = "MODIFIED:t", Severity = 5 }, SourceId, "v", SeedCrosswalk.Build());
        revision.Key.ShouldBe("id:x1#MODIFIED:t");
        Normaliser.RaisesAlert(revision).ShouldBeFalse();
    }

    [Fact]
    public void user_references_are_pseudonymous_and_stable()
    {
        var a = Normaliser.Pseudonym(SourceId, "user", "Bob");
        a.ShouldBe(Normaliser.Pseudonym(Guid.NewGuid(), "user", "bob "));
        a!.ShouldNotContain("bob", Case.Insensitive);
    }
}
