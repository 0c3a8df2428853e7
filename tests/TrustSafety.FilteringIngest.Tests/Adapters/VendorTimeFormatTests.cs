using Microsoft.Extensions.Time.Testing;
using TrustSafety.FilteringIngest.ReceivingSyslog;

namespace TrustSafety.FilteringIngest.Tests.Adapters;

/// <summary>
/// Table-driven over <see cref="VendorTimes.Formats"/>: every listed format has cases here (a format added without one
/// fails <see cref="every_listed_time_format_has_cases"/>), and each case says which format must have read it.
/// </summary>
public sealed class VendorTimeFormatTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 21, 12, 5, 0, TimeSpan.Zero);
    private const string London = "Europe/London";

    public sealed record TimeCase(string Format, string Raw, string Zone, DateTimeOffset Expected, DateTimeOffset? ReceivedAt = null)
    {
        public override string ToString() => $"{Format}: '{Raw}' in {Zone}";
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) => new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddMilliseconds(ms);

    public static readonly TimeCase[] Cases =
    [
        new("unix-seconds", "1795262400", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("unix-seconds", "1795262400.123", London, Utc(2026, 11, 21, 12, 0, 0, 123)),
        new("unix-milliseconds", "1795262400123", London, Utc(2026, 11, 21, 12, 0, 0, 123)),
        new("unix-microseconds", "1795262400123456", London, Utc(2026, 11, 21, 12, 0, 0, 123)),
        new("unix-nanoseconds", "1795262400123456789", London, Utc(2026, 11, 21, 12, 0, 0, 123)),

        new("rfc3339", "2026-11-21T12:00:00Z", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("rfc3339", "2026-11-21T12:00:00.123456Z", London, Utc(2026, 11, 21, 12, 0, 0, 123).AddTicks(4560)),
        new("rfc3339", "2026-07-01T10:00:00+01:00", "UTC", Utc(2026, 7, 1, 9, 0, 0)),
        new("rfc3339", "2026-11-21T07:00:00-0500", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("rfc3339", "2026-07-01T10:00:00", London, Utc(2026, 7, 1, 9, 0, 0)),
        new("rfc3339", "2026-07-01T10:00", London, Utc(2026, 7, 1, 9, 0, 0)),

        new("iso-date-space-time", "2026-11-21 12:00:00", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("iso-date-space-time", "2026-07-01 10:00:00", London, Utc(2026, 7, 1, 9, 0, 0)),
        new("iso-date-space-time", "2026-07-01 10:00:00.250", London, Utc(2026, 7, 1, 9, 0, 0, 250)),
        new("iso-date-space-time", "2026-07-01 10:00:00", "UTC", Utc(2026, 7, 1, 10, 0, 0)),
        new("iso-date-space-time", "2026-07-01 10:00:00 +0200", London, Utc(2026, 7, 1, 8, 0, 0)),
        new("iso-date-space-time", "2026/07/01 10:00", London, Utc(2026, 7, 1, 9, 0, 0)),
        new("iso-date", "2026-07-01", London, Utc(2026, 6, 30, 23, 0, 0)),

        new("uk-date-time", "21/11/2026 12:00:00", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("uk-date-time", "1/7/2026 9:05", London, Utc(2026, 7, 1, 8, 5, 0)),
        new("uk-date-time", "01-07-2026 09:05:00", London, Utc(2026, 7, 1, 8, 5, 0)),
        new("uk-date-time-12-hour", "01/07/2026 02:30:00 PM", London, Utc(2026, 7, 1, 13, 30, 0)),
        new("uk-date-time-12-hour", "1/7/2026 9:05 AM", London, Utc(2026, 7, 1, 8, 5, 0)),
        new("uk-date", "21/11/2026", London, Utc(2026, 11, 21, 0, 0, 0)),

        new("cef-with-year", "Nov 21 2026 12:00:00 UTC", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00.123 GMT", "America/New_York", Utc(2026, 11, 21, 12, 0, 0, 123)),
        new("cef-with-year", "Jul 01 2026 10:00:00 BST", "UTC", Utc(2026, 7, 1, 9, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 CET", London, Utc(2026, 11, 21, 11, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 EST", London, Utc(2026, 11, 21, 17, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 +0100", London, Utc(2026, 11, 21, 11, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 -05:00", London, Utc(2026, 11, 21, 17, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 GMT+1", London, Utc(2026, 11, 21, 11, 0, 0)),
        new("cef-with-year", "Nov 21 2026 12:00:00 America/New_York", London, Utc(2026, 11, 21, 17, 0, 0)),
        new("cef-with-year", "Jul 01 2026 10:00:00 Europe/London", "UTC", Utc(2026, 7, 1, 9, 0, 0)),
        new("cef-with-year", "Jul 01 2026 10:00:00", London, Utc(2026, 7, 1, 9, 0, 0)),
        new("cef-with-year", "Jul 1 2026 10:00:00.5", London, Utc(2026, 7, 1, 9, 0, 0, 500)),

        new("year-less", "Nov 21 12:00:00", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("year-less", "Nov 21 12:00:00.250 UTC", "America/New_York", Utc(2026, 11, 21, 12, 0, 0, 250)),
        new("year-less", "Nov  1 08:00:00", London, Utc(2026, 11, 1, 8, 0, 0)),
        new("year-less", "Nov 21 07:00:00 -0500", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("year-less", "Dec 31 23:59:59", London, Utc(2026, 12, 31, 23, 59, 59), ReceivedAt: Utc(2027, 1, 1, 0, 0, 30)),
        new("year-less", "Jan  1 00:00:05", London, Utc(2027, 1, 1, 0, 0, 5), ReceivedAt: Utc(2026, 12, 31, 23, 59, 58)),
        new("year-less", "Dec 31 23:59:59 UTC", "Pacific/Auckland", Utc(2026, 12, 31, 23, 59, 59), ReceivedAt: Utc(2027, 1, 1, 0, 0, 30)),
        new("year-less", "Feb 29 10:00:00", London, Utc(2028, 2, 29, 10, 0, 0), ReceivedAt: Utc(2028, 3, 1, 9, 0, 0)),

        new("common-log", "21/Nov/2026:12:00:00 +0000", London, Utc(2026, 11, 21, 12, 0, 0)),
        new("common-log", "01/Jul/2026:10:00:00 +0100", "UTC", Utc(2026, 7, 1, 9, 0, 0)),

        // Europe/London's clock changes in 2026: 29 March 01:00 GMT → 02:00 BST (01:xx is skipped); 25 October
        // 02:00 BST → 01:00 GMT (01:xx happens twice). Skipped: read with the offset before the change. Repeated: the
        // first occurrence (BST).
        new("iso-date-space-time", "2026-03-29 00:59:59", London, Utc(2026, 3, 29, 0, 59, 59)),
        new("iso-date-space-time", "2026-03-29 01:30:00", London, Utc(2026, 3, 29, 1, 30, 0)),
        new("iso-date-space-time", "2026-03-29 02:00:00", London, Utc(2026, 3, 29, 1, 0, 0)),
        new("iso-date-space-time", "2026-10-25 00:59:59", London, Utc(2026, 10, 24, 23, 59, 59)),
        new("iso-date-space-time", "2026-10-25 01:30:00", London, Utc(2026, 10, 25, 0, 30, 0)),
        new("iso-date-space-time", "2026-10-25 02:00:00", London, Utc(2026, 10, 25, 2, 0, 0)),
        new("uk-date-time", "25/10/2026 01:59:59", London, Utc(2026, 10, 25, 0, 59, 59)),
        new("uk-date-time", "29/03/2026 01:00:00", London, Utc(2026, 3, 29, 1, 0, 0)),
        new("year-less", "Oct 25 01:30:00", London, Utc(2026, 10, 25, 0, 30, 0)),
        new("year-less", "Mar 29 01:30:00", London, Utc(2026, 3, 29, 1, 30, 0), ReceivedAt: Utc(2026, 3, 29, 1, 31, 0)),
    ];

    public static TheoryData<TimeCase> All()
    {
        var data = new TheoryData<TimeCase>();
        foreach (var c in Cases) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void each_vendor_time_is_read_to_the_right_instant_by_its_format(TimeCase c)
    {
        VendorTimes.TryParse(c.Raw, SourceZones.Find(c.Zone)!, c.ReceivedAt ?? Received, allowUnix: true, out var time).ShouldBeTrue(c.ToString());
        time.Utc.ShouldBe(c.Expected, c.ToString());
        time.Format.ShouldBe(c.Format, c.ToString());
        time.Local.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void every_listed_time_format_has_cases()
    {
        var tested = Cases.Select(c => c.Format).ToHashSet();
        VendorTimes.Formats.Select(f => f.Name).Where(name => !tested.Contains(name)).ShouldBeEmpty("formats without a case in VendorTimeFormatTests.Cases");
        foreach (var format in VendorTimes.Formats)
            VendorTimes.TryParse(format.Example, SourceZones.London, Received, allowUnix: true, out var example).ShouldBeTrue($"{format.Name} example '{format.Example}'");
    }

    [Fact]
    public void every_zone_abbreviation_is_applied_as_its_offset()
    {
        foreach (var (name, offset) in VendorTimes.Abbreviations)
        {
            VendorTimes.TryParse($"Nov 21 2026 12:00:00 {name}", SourceZones.London, Received, false, out var time).ShouldBeTrue(name);
            time.Utc.ShouldBe(Utc(2026, 11, 21, 12, 0, 0) - offset, name);
        }
    }

    public static TheoryData<string, bool> Refused() => new()
    {
        { "Nov 31 2026 12:00:00", true },
        { "Nov 21 2026 12:00:00 Mars/Olympus_Mons", true },
        { "Nov 21 2026 12:00:00 XYZ", true },
        { "Nov 21 2026 12:00:00 +9900", true },
        { "2026-11-21 25:00:00", true },
        { "1795262400", false },
        { "yesterday", true },
        { "", true },
        { "21/13/2026 10:00", true },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void a_time_no_format_allows_is_refused_not_guessed(string raw, bool allowUnix) =>
        VendorTimes.TryParse(raw, SourceZones.London, Received, allowUnix, out _).ShouldBeFalse();

    private static AdapterContext At(DateTimeOffset received, string zone = London) =>
        AdapterContext.Default with { Zone = SourceZones.Find(zone)!, Time = new FakeTimeProvider(received) };

    private static Canonical.VendorRecord One(string format, string raw, AdapterContext context)
    {
        var output = new FormatAdapters().For(format)!.Parse(Encoding.UTF8.GetBytes(raw), context);
        output.BodyError.ShouldBeNull();
        output.Errors.ShouldBeEmpty(string.Join("; ", output.Errors));
        return output.Records.ShouldHaveSingleItem().Record;
    }

    public static TheoryData<string, DateTimeOffset> CefTimeFields() => new()
    {
        { "rt=1795262400000", Utc(2026, 11, 21, 12, 0, 0) },
        { "rt=Nov 21 2026 12:00:00 UTC", Utc(2026, 11, 21, 12, 0, 0) },
        { "rt=Nov 21 2026 12:00:00.123 BST", Utc(2026, 11, 21, 11, 0, 0, 123) },
        { "end=Nov 21 12:00:00", Utc(2026, 11, 21, 12, 0, 0) },
        { "start=Nov 21 12:00:00.5 +0100", Utc(2026, 11, 21, 11, 0, 0, 500) },
        { "rt=Nov 21 2026 07:00:00 America/New_York", Utc(2026, 11, 21, 12, 0, 0) },
        { "FTNTFGTeventtime=1795262400123456789", Utc(2026, 11, 21, 12, 0, 0, 123) },
    };

    [Theory]
    [MemberData(nameof(CefTimeFields))]
    public void cef_rt_end_and_start_are_read_in_every_form_the_cef_specification_allows(string field, DateTimeOffset expected) =>
        One(CefAdapter.FormatName, $"CEF:0|Acme|Gate|1|1|Blocked|5|{field} act=blocked dhost=a.example", At(Received)).OccurredAt.ShouldBe(expected);

    public static TheoryData<string, DateTimeOffset> EventTimes() => new()
    {
        { "eventtime=1795262400", Utc(2026, 11, 21, 12, 0, 0) },
        { "eventtime=1795262400123", Utc(2026, 11, 21, 12, 0, 0, 123) },
        { "eventtime=1795262400123456", Utc(2026, 11, 21, 12, 0, 0, 123) },
        { "eventtime=1795262400123456789", Utc(2026, 11, 21, 12, 0, 0, 123) },
        { "date=2026-07-01 time=10:00:00", Utc(2026, 7, 1, 9, 0, 0) },
        { "date=2026-07-01 time=10:00:00 tz=\"+0200\"", Utc(2026, 7, 1, 8, 0, 0) },
        { "date=2026-10-25 time=01:30:00", Utc(2026, 10, 25, 0, 30, 0) },
    };

    [Theory]
    [MemberData(nameof(EventTimes))]
    public void fortios_eventtime_is_read_in_seconds_milliseconds_microseconds_and_nanoseconds(string fields, DateTimeOffset expected) =>
        One(FortiGateKeyValueAdapter.FormatName, $"{fields} action=blocked hostname=a.example cat=26", At(Received)).OccurredAt.ShouldBe(expected);

    public static TheoryData<string, string, DateTimeOffset, DateTimeOffset> SyslogHeaders() => new()
    {
        { "rfc 5424", "<134>1 2026-11-21T12:00:00.123456+00:00 fgt - - - - ", Received, Utc(2026, 11, 21, 12, 0, 0, 123).AddTicks(4560) },
        { "rfc 5424 with offset", "<134>1 2026-07-01T10:00:00+01:00 fgt CEF - - - ", Received, Utc(2026, 7, 1, 9, 0, 0) },
        { "rfc 3164", "<134>Nov 21 12:00:00 fgt ", Received, Utc(2026, 11, 21, 12, 0, 0) },
        { "rfc 3164 space-padded day", "<134>Jul  1 10:00:00 fgt ", Utc(2026, 7, 1, 9, 0, 5), Utc(2026, 7, 1, 9, 0, 0) },
        { "rfc 3164 across new year", "<134>Dec 31 23:59:59 fgt ", Utc(2027, 1, 1, 0, 0, 30), Utc(2026, 12, 31, 23, 59, 59) },
        { "rfc 3164 sender ahead across new year", "<134>Jan  1 00:00:05 fgt ", Utc(2026, 12, 31, 23, 59, 58), Utc(2027, 1, 1, 0, 0, 5) },
    };

    [Theory]
    [MemberData(nameof(SyslogHeaders))]
    public void a_record_without_its_own_time_takes_the_syslog_headers(string name, string header, DateTimeOffset received, DateTimeOffset expected)
    {
        var frame = header + "CEF:0|Acme|Gate|1|1|Blocked|5|act=blocked dhost=a.example";
        var message = SyslogMessage.Parse(frame);
        var context = message.WithHeaderTime(At(received));
        context.HeaderTime.ShouldNotBeNull(name);
        var record = ((ILineAdapter)new FormatAdapters().For(CefAdapter.FormatName)!).ParseLine(message.Payload, context, out var error);
        error.ShouldBeNull(name);
        record!.OccurredAt.ShouldBe(expected, name);

        One(CefAdapter.FormatName, frame, At(received)).OccurredAt.ShouldBe(expected, name + " (header kept in an HTTP body)");
    }

    [Fact]
    public void a_record_with_its_own_time_keeps_it_over_the_syslog_headers()
    {
        var message = SyslogMessage.Parse("<134>Nov 21 11:00:00 fgt CEF:0|Acme|Gate|1|1|Blocked|5|rt=1795262400000 act=blocked dhost=a.example");
        var record = ((ILineAdapter)new FormatAdapters().For(CefAdapter.FormatName)!).ParseLine(message.Payload, message.WithHeaderTime(At(Received)), out _);
        record!.OccurredAt.ShouldBe(Utc(2026, 11, 21, 12, 0, 0));
    }

    public static TheoryData<string, DateTimeOffset> SquidTimes() => new()
    {
        { "1795262400.123 5 10.0.0.9 TCP_DENIED/403 1 GET http://a.example/ - HIER_NONE/- -", Utc(2026, 11, 21, 12, 0, 0, 123) },
        { "10.0.0.9 - - [21/Nov/2026:12:00:00 +0000] \"GET http://a.example/ HTTP/1.1\" 403 1", Utc(2026, 11, 21, 12, 0, 0) },
        { "10.0.0.9 - - [25/Oct/2026:01:30:00 +0100] \"GET http://a.example/ HTTP/1.1\" 403 1", Utc(2026, 10, 25, 0, 30, 0) },
        { "10.0.0.9 - - [25/Oct/2026:01:30:00 +0000] \"GET http://a.example/ HTTP/1.1\" 403 1", Utc(2026, 10, 25, 1, 30, 0) },
    };

    [Theory]
    [MemberData(nameof(SquidTimes))]
    public void squid_times_are_read_from_native_and_common_logformats(string line, DateTimeOffset expected) =>
        One(SquidAccessLogAdapter.FormatName, line, At(Received)).OccurredAt.ShouldBe(expected);

    public static TheoryData<string, string, string, string, DateTimeOffset> CsvTimes()
    {
        const string umbrella = "\"{0}\",\"jsmith@school.org\",\"jsmith@school.org\",\"10.1.2.3\",\"81.2.3.4\",\"Blocked\",\"1 (A)\",\"NOERROR\",\"casino.example.\",\"Gambling\",\"AD Users\",\"AD Users\",\"Gambling\"";
        const string smoothwall = "Time,Username,Source IP,URL,Categories,Code\n{0},jsmith,10.0.0.1,http://a.example/,Gambling,403";
        const string safeguarding = "Date / Time,User,Safeguarding level,Safeguarding categories,URL\n{0},jsmith (Year 9),Danger,Suicide,http://a.example/";
        const string lightspeed = "Time,Destination,Action,User,Category\n{0},a.example,Blocked,jsmith,gambling";
        var data = new TheoryData<string, string, string, string, DateTimeOffset>();
        foreach (var (format, template) in new[]
                 {
                     (UmbrellaDnsCsvAdapter.FormatName, umbrella), (SmoothwallWebFilterCsvAdapter.FormatName, smoothwall),
                     (SmoothwallSafeguardingCsvAdapter.FormatName, safeguarding), (LightspeedActivityCsvAdapter.FormatName, lightspeed),
                 })
        {
            data.Add(format, template, "UTC", "2026-07-01 10:00:00", Utc(2026, 7, 1, 10, 0, 0));
            data.Add(format, template, London, "2026-07-01 10:00:00", Utc(2026, 7, 1, 9, 0, 0));
            data.Add(format, template, London, "01/07/2026 10:00", Utc(2026, 7, 1, 9, 0, 0));
            data.Add(format, template, London, "2026-03-29 01:30:00", Utc(2026, 3, 29, 1, 30, 0));
            data.Add(format, template, London, "2026-03-29 02:30:00", Utc(2026, 3, 29, 1, 30, 0));
            data.Add(format, template, London, "2026-10-25 01:30:00", Utc(2026, 10, 25, 0, 30, 0));
            data.Add(format, template, London, "2026-10-25 02:30:00", Utc(2026, 10, 25, 2, 30, 0));
            data.Add(format, template, London, "2026-07-01T10:00:00Z", Utc(2026, 7, 1, 10, 0, 0));
            data.Add(format, template, "America/New_York", "2026-07-01 10:00:00", Utc(2026, 7, 1, 14, 0, 0));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CsvTimes))]
    public void csv_timestamps_are_read_in_the_sources_time_zone_across_both_clock_changes(string format, string template, string zone, string cell, DateTimeOffset expected)
    {
        var record = One(format, string.Format(template, cell), At(Received, zone));
        record.OccurredAt.ShouldBe(expected);
        record.VendorLocalTime.ShouldBe(cell);
    }
}
