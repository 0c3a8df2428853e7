using System.Globalization;
using TrustSafety.FilteringIngest.Tests.Adapters;
using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

/// <summary>
/// Issue 19.3: each new vendor's record, in its documented format, signed with Standard Webhooks, through the real
/// service and PostgreSQL to the school's events with the category and severity a DSL expects.
/// </summary>
public sealed class NewVendorEndToEndTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
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

    private async Task<(IngestAccepted Answer, JsonElement[] Events)> SendAsync(string format, string body, string tag)
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = $"{format} {Unique()}", format });
        var response = await f.SendSigned(source.Id, secret, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<IngestAccepted>())!;
        using var dsl = await f.ClientFor("dsl.blakehill");
        var events = (await dsl.GetFromJsonAsync<JsonElement>("/events?take=500")).GetProperty("events").EnumerateArray()
            .Where(e => (e.TryGetProperty("host", out var h) && h.GetString()?.EndsWith($"{tag}.example", StringComparison.Ordinal) == true)
                || (e.TryGetProperty("searchTerm", out var t) && t.GetString()?.Contains(tag, StringComparison.Ordinal) == true))
            .ToArray();
        return (answer, events);
    }

    [Fact]
    public async Task a_signed_securly_report_saved_from_excel_keeps_every_good_row_and_names_the_field_of_the_bad_one()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        // As Excel saves it: byte-order mark, CRLF, quoted cells, lower-case headers in its own order.
        var csv = "\uFEFF\"category\",\"type\",\"site\",\"email\",\"source\",\"date/time\"\r\n" +
            $"\"Self-harm\",\"Blocked\",\"harm.{tag}.example/page\",\"kid1@blakehill.sch.uk\",\"Sites\",\"{at:yyyy-MM-dd HH:mm:ss}Z\"\r\n" +
            $"\"News\",\"Allowed\",\"news.{tag}.example\",\"kid1@blakehill.sch.uk\",\"Sites\",\"{at:yyyy-MM-dd HH:mm:ss}Z\"\r\n" +
            $"\"Gambling\",\"Maybe\",\"bet.{tag}.example\",\"kid1@blakehill.sch.uk\",\"Sites\",\"{at:yyyy-MM-dd HH:mm:ss}Z\"\r\n";

        var (answer, events) = await SendAsync(SecurlyActivityCsvAdapter.FormatName, csv, tag);

        (answer.Accepted, answer.Rejected).ShouldBe((2, 1));
        answer.Rejections.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            r => r.Record.ShouldBe(2), r => r.Field.ShouldBe("Type"), r => r.Reason.ShouldContain("'Maybe'"));
        events.Length.ShouldBe(2);
        var harm = events.Single(e => e.GetProperty("host").GetString() == $"harm.{tag}.example");
        harm.GetProperty("uksic").GetString().ShouldBe("self-harm");
        harm.GetProperty("severity").GetInt32().ShouldBe(4);
        harm.GetProperty("vendor").GetString().ShouldBe("securly");
        harm.GetProperty("action").GetString().ShouldBe("Blocked");
    }

    [Fact]
    public async Task a_signed_netsweeper_terrorism_denial_is_ctiru_and_an_alert()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var csv = "Date/Time,Client IP,Login Name,Group,URL,Category,Action\n" +
            $"{London(at, "dd/MM/yyyy HH:mm:ss")},10.7.7.7,kid3,Year 9,http://{tag}.example/join,Terrorism,Denied\n";

        var stored = await SendAndFindAsync(NetsweeperCsvAdapter.FormatName, csv, $"{tag}.example");

        stored.GetProperty("uksic").GetString().ShouldBe("illegal-ctiru");
        stored.GetProperty("severity").GetInt32().ShouldBe(5);
        stored.GetProperty("vendor").GetString().ShouldBe("netsweeper");
        stored.GetProperty("action").GetString().ShouldBe("Blocked");
    }

    [Fact]
    public async Task a_signed_impero_capture_keeps_its_severity_and_keyword()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var csv = "Who,When,What,Keyword List,Severity,Device,Application,Capture ID\n" +
            $"kid4,{London(at, "dd/MM/yyyy HH:mm:ss")},kill myself {tag},Suicide,5,IT-SUITE-12,Microsoft Word,imp-{tag}\n";

        var (answer, events) = await SendAsync(ImperoCapturesCsvAdapter.FormatName, csv, tag);

        (answer.Accepted, answer.Rejected).ShouldBe((1, 0));
        var stored = events.ShouldHaveSingleItem();
        stored.GetProperty("uksic").GetString().ShouldBe("self-harm");
        stored.GetProperty("severity").GetInt32().ShouldBe(5);
        stored.GetProperty("vendorSeverity").GetString().ShouldBe("5");
        stored.GetProperty("action").GetString().ShouldBe("Captured");
        stored.GetProperty("vendor").GetString().ShouldBe("impero");
    }

    [Fact]
    public async Task a_signed_linewize_flagged_suicide_search_is_self_harm_and_an_alert()
    {
        var tag = Unique();
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var csv = "Time,User,Search Term,Flag\n" + $"{London(at, "yyyy-MM-dd HH:mm:ss")},kid8,how many pills {tag},Suicide Searches\n";

        var (answer, events) = await SendAsync(LinewizeCsvAdapter.FormatName, csv, tag);

        (answer.Accepted, answer.Rejected).ShouldBe((1, 0));
        var stored = events.ShouldHaveSingleItem();
        stored.GetProperty("uksic").GetString().ShouldBe("self-harm");
        stored.GetProperty("severity").GetInt32().ShouldBe(4);
        stored.GetProperty("action").GetString().ShouldBe("Monitored");
        stored.GetProperty("vendor").GetString().ShouldBe("linewize");
    }

    [Fact]
    public async Task a_signed_export_missing_a_required_column_is_refused_naming_it_and_nothing_is_stored()
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = $"impero {Unique()}", format = ImperoCapturesCsvAdapter.FormatName });

        var response = await f.SendSigned(source.Id, secret, "Who,When\nkid4,2026-11-21 09:30\n");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("header")[0].GetString()!.ShouldContain("What (any of: What, Keyword");
    }
}

