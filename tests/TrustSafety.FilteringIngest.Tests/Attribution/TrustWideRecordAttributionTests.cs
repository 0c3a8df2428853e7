using System.Collections.Concurrent;
using TrustSafety.FilteringIngest.Attribution;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Tests.Attribution;

public sealed class TrustWideRecordAttributionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 14, 5, 0, TimeSpan.Zero);
    private static readonly Guid LaptopA = Guid.Parse("0196f000-0000-7000-8000-00000000000a");
    private static readonly Guid LaptopB = Guid.Parse("0196f000-0000-7000-8000-00000000000b");
    private static readonly Attributed Unknown = Attributed.Unknown;
    private static readonly Attributed BlakehillA = new("141001", LaptopA);
    private static readonly Attributed BlakehillB = new("141001", LaptopB);
    private static readonly Attributed BlakehillOnly = new("141001", null);
    private static readonly Attributed Caldecote = new("141002", LaptopB);

    [Theory]
    [InlineData("mac", "3C-22-FB-12-AB-9E", "3c:22:fb:12:ab:9e")]
    [InlineData("mac", "3c22.fb12.ab9e", "3c:22:fb:12:ab:9e")]
    [InlineData("hostname", " BH-LAP-0042.Blakehill.local ", "bh-lap-0042.blakehill.local")]
    [InlineData("ip", " 10.1.4.23 ", "10.1.4.23")]
    [InlineData("user", "J.Smith@Blakehill.SCH.uk", "j.smith@blakehill.sch.uk")]
    [InlineData("user", "BLAKEHILL\\JSmith", "blakehill\\jsmith")]
    [InlineData("mac", "3c:22:fb", null)]
    [InlineData("hostname", "John's iPad", null)]
    [InlineData("hostname", "10.1.4.23", null)]
    [InlineData("ip", "10.1.4.0/24", null)]
    [InlineData("ip", "not-an-ip", null)]
    [InlineData("user", "j smith", null)]
    [InlineData("user", "", null)]
    public void identities_are_asked_about_in_device_registers_normal_form_and_junk_is_not_asked_about(string kind, string raw, string? normal)
    {
        var key = kind switch
        {
            "mac" => AttributionKey.Mac(raw),
            "hostname" => AttributionKey.Hostname(raw),
            "ip" => AttributionKey.Ip(raw),
            _ => AttributionKey.User(raw),
        };

        if (normal is null) key.ShouldBeNull();
        else
        {
            var asked = key.ShouldNotBeNull();
            asked.Value.ShouldBe(normal);
            asked.Kind.ShouldBe(kind);
        }
    }

    [Fact]
    public void a_records_identities_are_ordered_most_specific_first() =>
        AttributionKey.Of(new VendorRecord { User = "jsmith", Ip = "10.1.4.23", DeviceName = "bh-lap-1", Mac = "3c:22:fb:12:ab:9e" })
            .Select(k => k.Kind).ShouldBe(["mac", "hostname", "ip", "user"]);

    public static TheoryData<string, Attributed[], Attributed, bool> Decisions() => new()
    {
        { "nothing known", [Unknown, Unknown, Unknown, Unknown], Unknown, false },
        { "no identities", [], Unknown, false },
        { "by MAC only", [BlakehillA, Unknown, Unknown, Unknown], BlakehillA, false },
        { "by user only", [Unknown, Unknown, Unknown, Caldecote], Caldecote, false },
        { "the most specific device wins within one school", [BlakehillA, BlakehillB], BlakehillA, false },
        { "a school without a device is still a definite answer", [BlakehillOnly, BlakehillA], BlakehillOnly, false },
        { "MAC and IP name different schools", [BlakehillA, Unknown, Caldecote], Unknown, true },
        { "IP and user name different schools", [Unknown, Unknown, BlakehillA, Caldecote], Unknown, true },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void the_first_school_named_wins_unless_another_identity_names_a_different_school(string situation, Attributed[] answers,
        Attributed expected, bool conflict)
    {
        var (who, disagreed) = TrustWideRecordAttribution.Decide(answers);

        who.ShouldBe(expected, situation);
        disagreed.ShouldBe(conflict, situation);
    }

    [Fact]
    public async Task a_batch_asks_once_per_identity_and_hour_several_at_a_time_and_reports_each_conflict()
    {
        var asked = new ConcurrentBag<(AttributionKey Key, DateTimeOffset At)>();
        var (inFlight, mostInFlight) = (0, 0);
        async Task<Attributed> Resolve(AttributionKey key, DateTimeOffset at, CancellationToken ct)
        {
            asked.Add((key, at));
            var now = Interlocked.Increment(ref inFlight);
            lock (asked) mostInFlight = Math.Max(mostInFlight, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref inFlight);
            return key.Kind switch
            {
                "mac" => BlakehillA,
                "ip" when key.Value == "10.2.0.1" => Caldecote,
                _ => Unknown,
            };
        }
        var records = Enumerable.Range(0, 100).Select(i => new VendorRecord
        {
            OccurredAt = At.AddSeconds(i),
            Ip = $"10.1.0.{i % 40}",
            User = "pupil-" + (i % 10),
            Mac = i < 50 ? "3c:22:fb:12:ab:9e" : null,
        }).Append(new VendorRecord { OccurredAt = At, Mac = "3c:22:fb:12:ab:9e", Ip = "10.2.0.1" })
          .Append(new VendorRecord { OccurredAt = At.AddHours(1), Ip = "10.1.0.1" }).ToList();

        var result = await TrustWideRecordAttribution.AttributeAsync(records, Resolve, CancellationToken.None);

        asked.Count.ShouldBe(1 + 40 + 10 + 1 + 1, "one MAC, 40 addresses, 10 accounts, one more address, and 10.1.0.1 again in the next hour");
        asked.Select(a => (a.Key, TrustWideRecordAttribution.HourOf(a.At))).Distinct().Count().ShouldBe(asked.Count);
        mostInFlight.ShouldBeGreaterThan(1);
        mostInFlight.ShouldBeLessThanOrEqualTo(TrustWideRecordAttribution.MaxConcurrentLookups);
        result.ByRecord[records[0]].ShouldBe(BlakehillA);
        result.ByRecord[records[99]].ShouldBe(Unknown);
        result.ByRecord[records[100]].ShouldBe(Unknown);
        var conflict = result.Conflicts.ShouldHaveSingleItem();
        conflict.Record.ShouldBeSameAs(records[100]);
        conflict.Describe().ShouldBe("mac→141001, ip→141002");
    }
}
