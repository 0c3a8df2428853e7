using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Receiving;
using TrustSafety.FilteringIngest.Tests.Adapters;

namespace TrustSafety.FilteringIngest.Tests.Api;

/// <summary>
/// Issue 19.3: each new vendor's record, in its documented format, signed with Standard Webhooks, through the real
/// service and PostgreSQL to the school's events with the category and severity a DSL expects.
/// </summary>
public sealed class NewVendorEndToEndTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private async Task<JsonElement> SendAndFindAsync(string format, string body, string host)
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = $"{format} {Unique()}", format });
        var response = await f.SendSigned(source.Id, secret, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (answer.Accepted, answer.Rejected).ShouldBe((1, 0), await response.Content.ReadAsStringAsync());
        using var dsl = await f.ClientFor("dsl.blakehill");
        return (await dsl.GetFromJsonAsync<JsonElement>("/events?take=500")).GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("host").GetString() == host);
    }

    private static string London(DateTimeOffset at, string format) =>
        TimeZoneInfo.ConvertTime(at, SourceZones.London).ToString(format, CultureInfo.InvariantCulture);

    [Fact]
    public async Task a_signed_palo_alto_url_filtering_block_of_an_extremist_site_is_ctiru_and_an_alert()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var line = "<14>" + London(at, "MMM dd HH:mm:ss") + " PA-3220 " + AdapterFixtures.PanOs("url", "block-url", $"\"{tag}.example/join\"", "(9999)",
            "extremism", "informational", London(at, "yyyy/MM/dd HH:mm:ss"));

        var stored = await SendAndFindAsync(PaloAltoSyslogAdapter.FormatName, line, $"{tag}.example");

        stored.GetProperty("uksic").GetString().ShouldBe("illegal-ctiru");
        stored.GetProperty("severity").GetInt32().ShouldBe(5);
        stored.GetProperty("vendor").GetString().ShouldBe("palo-alto");
        stored.GetProperty("action").GetString().ShouldBe("Blocked");
    }

    [Fact]
    public async Task a_signed_sophos_firewall_self_harm_block_is_self_harm_and_an_alert()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var line = $"device=\"SFW\" date={at:yyyy-MM-dd} time={at:HH:mm:ss} timezone=\"UTC\" log_id=050901616001 log_type=\"Content Filtering\" " +
            $"log_component=\"HTTP\" log_subtype=\"Denied\" priority=Information user_name=\"kid9\" category=\"Pro-Suicide & Self-Harm\" " +
            $"url=\"https://{tag}.example/page\" src_ip=10.9.9.9 domain={tag}.example con_id=77{tag.Length}";

        var stored = await SendAndFindAsync(SophosFirewallKeyValueAdapter.FormatName, line, $"{tag}.example");

        stored.GetProperty("uksic").GetString().ShouldBe("self-harm");
        stored.GetProperty("severity").GetInt32().ShouldBe(4);
        stored.GetProperty("vendor").GetString().ShouldBe("sophos");
        stored.GetProperty("occurredAt").GetDateTimeOffset().ShouldBe(at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public async Task a_signed_senso_critical_capture_keeps_the_vendor_severity_and_rule_word()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var csv = "Date/Time,Severity,Rule Set,Rule Word,User,Device,IP Address,Application,Capture ID,URL\n" +
            $"{London(at, "dd/MM/yyyy HH:mm:ss")},CRITICAL,Self Harm,want to die,kid3,LAB-PC-07,10.3.3.7,Google Chrome,cap-{tag},https://{tag}.example/search\n";

        var stored = await SendAndFindAsync(SensoCapturesCsvAdapter.FormatName, csv, $"{tag}.example");

        stored.GetProperty("uksic").GetString().ShouldBe("self-harm");
        stored.GetProperty("severity").GetInt32().ShouldBe(5);
        stored.GetProperty("vendorSeverity").GetString().ShouldBe("CRITICAL");
        stored.GetProperty("searchTerm").GetString().ShouldBe("want to die");
        stored.GetProperty("action").GetString().ShouldBe("Captured");
    }
}
