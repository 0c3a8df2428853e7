using Microsoft.Extensions.Time.Testing;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.FilteringIngest.Normalisation;

namespace TrustSafety.FilteringIngest.Tests.Normalisation;

/// <summary>Records sent to main that were misread (issue 19); each test is named after what went wrong.</summary>
public sealed class ReportedDefectsTests
{
    private static readonly AdapterContext Context = AdapterContext.Default with
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 5, 0, TimeSpan.Zero)),
    };

    private static VendorRecord ReadOne(string format, string raw)
    {
        var output = new FormatAdapters().For(format)!.Parse(Encoding.UTF8.GetBytes(raw), Context);
        output.Errors.ShouldBeEmpty(string.Join("; ", output.Errors));
        return output.Records.ShouldHaveSingleItem().Record;
    }

    [Fact]
    public void a_fortigate_cef_block_in_fortiguard_category_12_was_crosswalked_to_other_and_raised_no_alert()
    {
        var record = ReadOne(CefAdapter.FormatName,
            "<134>Nov 21 12:00:00 fgt CEF:0|Fortinet|Fortigate|v7.4.3|13056|utm:webfilter ftgd_blk blocked|4|FTNTFGTeventtime=1795262400 externalId=901 duser=pupil1 src=10.1.2.3 dhost=extreme.example act=blocked request=/ FTNTFGTcat=12 requestContext=Extremist Groups");

        var e = Normaliser.Normalise(record, Guid.CreateVersion7(), "cef", SeedCrosswalk.Build());

        e.Uksic.ShouldBe(Uksic.Ctiru);
        e.UnknownCategory.ShouldBeFalse();
        Normaliser.RaisesAlert(e).ShouldBeTrue();
    }

    [Fact]
    public void a_generic_cef_rt_as_a_date_with_a_zone_was_rejected_as_having_no_usable_time()
    {
        var record = ReadOne(CefAdapter.FormatName,
            "CEF:0|Acme|WebGate|2.1|100|Blocked site|5|rt=Nov 21 2026 12:00:00 UTC src=10.2.3.4 suser=carol act=blocked request=http://evil.example/x cat=Terrorism");

        record.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    }
}
