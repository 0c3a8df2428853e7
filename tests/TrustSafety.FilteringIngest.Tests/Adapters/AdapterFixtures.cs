using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Tests.Adapters;

/// <summary>One vendor body and what an adapter must make of it: the raw text sits next to the expectation.</summary>
public sealed record Fixture(string Name, string Format, string Raw, int Accepted, int Rejected, bool Unusable = false,
    Action<VendorRecord>? Check = null, string? RejectedField = null)
{
    public override string ToString() => Name;
}

public static class AdapterFixtures
{
    private const string FortiDoc = """date=2018-12-27 time=11:23:50 logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="vdom1" eventtime=1545938629 policyid=1 sessionid=764 user="bob" srcip=10.1.100.11 srcport=59194 srcintf="port12" srcintfrole="undefined" dstip=185.230.61.185 dstport=80 dstintf="port11" dstintfrole="undefined" proto=6 service="HTTP" hostname="ambrishsriv.wixsite.com" profile="g-default" action="blocked" reqtype="direct" url="/bizsquads" sentbyte=96 rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat=26 catdesc="Malicious Websites" crscore=60 crlevel="high" """;

    public static readonly Fixture[] All =
    [
        // FortiGate key=value
        new("fortigate documented example", FortiGateKeyValueAdapter.FormatName, FortiDoc, 1, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1545938629));
            r.User.ShouldBe("bob"); r.Ip.ShouldBe("10.1.100.11"); r.Action.ShouldBe(FilterActions.Blocked);
            r.Host.ShouldBe("ambrishsriv.wixsite.com"); r.Url.ShouldBe("ambrishsriv.wixsite.com/bizsquads");
            r.Categories.ShouldHaveSingleItem().ShouldBe(new VendorCategory("26", "Malicious Websites"));
            r.Severity.ShouldBe(3); r.VendorLocalTime.ShouldBe("2018-12-27 11:23:50");
        }),
        new("fortigate unquoted values", FortiGateKeyValueAdapter.FormatName,
            "date=2024-03-01 time=09:00:01 logid=0316013056 type=utm subtype=webfilter eventtype=ftgd_blk eventtime=1709283601 sessionid=9 user=alice srcip=10.0.0.5 hostname=bet365.com action=blocked url=/ cat=11 catdesc=Gambling crlevel=medium",
            1, 0, Check: r => { r.Categories[0].Id.ShouldBe("11"); r.Severity.ShouldBe(2); r.User.ShouldBe("alice"); }),
        new("fortigate always quoted with syslog prefix", FortiGateKeyValueAdapter.FormatName,
            "<189>date=\"2024-03-01\" time=\"09:00:01\" eventtime=\"1709283601000000000\" action=\"passthrough\" hostname=\"bbc.co.uk\" url=\"/news\" srcip=\"10.0.0.6\" cat=\"41\" catdesc=\"News and Media\"",
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Allowed); r.OccurredAt.Year.ShouldBe(2024); }),
        new("fortigate local time only is read in the source zone", FortiGateKeyValueAdapter.FormatName,
            "date=2024-07-01 time=10:00:00 action=blocked hostname=x.com cat=14 catdesc=Pornography",
            1, 0, Check: r => { r.OccurredAt.ShouldBe(new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero)); r.VendorTimeZone.ShouldBe("Europe/London"); }),
        new("fortigate quoted value with spaces and escaped quote", FortiGateKeyValueAdapter.FormatName,
            "eventtime=1709283601 action=blocked hostname=a.com msg=\"say \\\"hi\\\" there\" catdesc=\"Explicit Violence\" cat=6", 1, 0,
            Check: r => r.Categories[0].Label.ShouldBe("Explicit Violence")),
        new("fortigate two lines one bad", FortiGateKeyValueAdapter.FormatName,
            FortiDoc + "\n" + "date=2024-01-01 time=10:00:00 hostname=x.com url=/ cat=1", 1, 1, RejectedField: "action"),
        new("fortigate unterminated quote", FortiGateKeyValueAdapter.FormatName, "eventtime=1709283601 action=\"blocked hostname=x", 0, 1, RejectedField: "line"),
        new("fortigate no time", FortiGateKeyValueAdapter.FormatName, "action=blocked hostname=x.com", 0, 1, RejectedField: "eventtime"),
        new("fortigate not key value at all", FortiGateKeyValueAdapter.FormatName, "hello world", 0, 1, RejectedField: "line"),
        new("fortigate empty body", FortiGateKeyValueAdapter.FormatName, "\n\n", 0, 0, Unusable: true),

        // CEF
        new("cef fortigate mapping", CefAdapter.FormatName,
            "<134>Dec 27 11:23:50 fgt CEF:0|Fortinet|Fortigate|v6.0.3|13056|utm:webfilter ftgd_blk blocked|4|deviceExternalId=FGT5HD3915800610 FTNTFGTlogid=0316013056 cat=utm:webfilter FTNTFGTsubtype=webfilter FTNTFGTeventtype=ftgd_blk FTNTFGTlevel=warning FTNTFGTeventtime=1545938629 externalId=764 duser=bob src=10.1.100.11 spt=59194 dst=185.230.61.185 dpt=80 dhost=ambrishsriv.wixsite.com act=blocked request=/bizsquads FTNTFGTcat=26 requestContext=Malicious Websites FTNTFGTcrscore=60 FTNTFGTcrlevel=high msg=URL belongs to a denied category in policy",
            1, 0, Check: r =>
            {
                r.User.ShouldBe("bob"); r.Ip.ShouldBe("10.1.100.11"); r.Action.ShouldBe(FilterActions.Blocked);
                r.Categories[0].ShouldBe(new VendorCategory("26", "Malicious Websites")); r.Severity.ShouldBe(3);
                r.Url.ShouldBe("ambrishsriv.wixsite.com/bizsquads"); r.SourceEventId.ShouldNotBeNull();
            }),
        new("cef with space after colon and generic vendor", CefAdapter.FormatName,
            "CEF: 0|Acme|WebGate|2.1|100|Blocked site|9|rt=1709283601000 src=10.2.3.4 suser=carol act=blocked request=http://evil.example/x cat=Terrorism",
            1, 0, Check: r => { r.Severity.ShouldBe(5); r.User.ShouldBe("carol"); r.Categories[0].Label.ShouldBe("Terrorism"); r.Host.ShouldBe("evil.example"); }),
        new("cef escaped pipe in header and equals in value", CefAdapter.FormatName,
            @"CEF:0|Acme|Web\|Gate|1|1|Blocked|5|rt=1709283601000 act=blocked request=http://a.com/?q\=1 msg=two words here",
            1, 0, Check: r => { r.Product.ShouldBe("Acme Web|Gate"); r.Url.ShouldBe("http://a.com/?q=1"); }),
        new("cef textual severity", CefAdapter.FormatName, "CEF:0|Acme|Gate|1|1|x|Very-High|rt=1709283601000 act=blocked dhost=a.com", 1, 0,
            Check: r => r.Severity.ShouldBe(5)),
        new("cef too few header fields", CefAdapter.FormatName, "CEF:0|Acme|Gate|1|1", 0, 1, RejectedField: "header"),
        new("cef no header marker", CefAdapter.FormatName, "just text", 0, 1, RejectedField: "line"),
        new("cef missing time", CefAdapter.FormatName, "CEF:0|Acme|Gate|1|1|x|3|act=blocked dhost=a.com", 0, 1, RejectedField: "rt"),
        new("cef unknown action", CefAdapter.FormatName, "CEF:0|Acme|Gate|1|1|x|3|rt=1709283601000 act=frobbed dhost=a.com", 0, 1, RejectedField: "act"),

        // Squid
        new("squid denied", SquidAccessLogAdapter.FormatName,
            "1709283601.123    150 10.0.0.9 TCP_DENIED/403 3885 GET http://www.bet365.com/ jdoe HIER_NONE/- text/html",
            1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Blocked); r.User.ShouldBe("jdoe"); r.Host.ShouldBe("www.bet365.com");
                r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Gambling");
                r.OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1709283601123));
            }),
        new("squid allowed connect without user", SquidAccessLogAdapter.FormatName,
            "1709283601.000 52 10.0.0.9 TCP_TUNNEL/200 1024 CONNECT www.google.com:443 - HIER_DIRECT/142.250.1.1 -",
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Allowed); r.User.ShouldBeNull(); r.Categories.ShouldBeEmpty(); }),
        new("squid short line", SquidAccessLogAdapter.FormatName, "1709283601.000 52 10.0.0.9", 0, 1, RejectedField: "line"),
        new("squid bad time", SquidAccessLogAdapter.FormatName, "yesterday 52 10.0.0.9 TCP_MISS/200 1 GET http://a.com/ - HIER_DIRECT/1.1.1.1 -", 0, 1, RejectedField: "time"),
        new("squid bad code", SquidAccessLogAdapter.FormatName, "1709283601.000 52 10.0.0.9 TCP_MISS 1 GET http://a.com/ - HIER_DIRECT/1.1.1.1 -", 0, 1, RejectedField: "code/status"),
        new("squid common logformat", SquidAccessLogAdapter.FormatName,
            "10.0.0.9 - jdoe [01/Jul/2026:10:00:00 +0100] \"GET http://www.bet365.com/ HTTP/1.1\" 403 3885 TCP_DENIED:HIER_NONE",
            1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Blocked); r.User.ShouldBe("jdoe"); r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Gambling");
                r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)); r.VendorLocalTime.ShouldBe("01/Jul/2026:10:00:00 +0100");
            }),
        new("squid combined logformat", SquidAccessLogAdapter.FormatName,
            "10.0.0.9 - - [21/Nov/2026:12:00:00 +0000] \"CONNECT www.google.com:443 HTTP/1.1\" 200 1024 \"-\" \"Mozilla/5.0 (X11)\" TCP_TUNNEL:HIER_DIRECT",
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Allowed); r.User.ShouldBeNull(); r.Host.ShouldBe("www.google.com"); }),
        new("squid common logformat bad time", SquidAccessLogAdapter.FormatName,
            "10.0.0.9 - - [41/Nov/2026:12:00:00 +0000] \"GET http://a.com/ HTTP/1.1\" 200 1", 0, 1, RejectedField: "time"),

        // Cisco Umbrella
        new("umbrella blocked without header", UmbrellaDnsCsvAdapter.FormatName,
            "\"2024-03-01 09:00:01\",\"jsmith@school.org\",\"jsmith@school.org,Blakehill Site\",\"10.1.2.3\",\"81.2.3.4\",\"Blocked\",\"1 (A)\",\"NOERROR\",\"casino.example.\",\"Gambling,Games\",\"AD Users\",\"AD Users,Sites\",\"Gambling\"",
            1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Blocked); r.Host.ShouldBe("casino.example"); r.User.ShouldBe("jsmith@school.org");
                r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Gambling"); r.OccurredAt.ShouldBe(new DateTimeOffset(2024, 3, 1, 9, 0, 1, TimeSpan.Zero));
            }),
        new("umbrella with header, network identity, newer columns", UmbrellaDnsCsvAdapter.FormatName,
            "Timestamp,Most Granular Identity,Identities,Internal Ip,External Ip,Action,QueryType,ResponseCode,Domain,Categories,Most Granular Identity Type,Identity Types,Blocked Categories,Rule Id,Destination Countries\n" +
            "\"2024-03-01 09:00:01\",\"Blakehill Network\",\"Blakehill Network\",\"10.1.2.4\",\"81.2.3.4\",\"Allowed\",\"1 (A)\",\"NOERROR\",\"bbc.co.uk.\",\"News/Media\",\"Networks\",\"Networks\",\"\",\"123\",\"GB\"",
            1, 0, Check: r => { r.User.ShouldBeNull(); r.DeviceName.ShouldBe("Blakehill Network"); r.Action.ShouldBe(FilterActions.Allowed); }),
        new("umbrella bad action and bad time", UmbrellaDnsCsvAdapter.FormatName,
            "\"2024-03-01 09:00:01\",\"a\",\"a\",\"10.1.2.3\",\"1.1.1.1\",\"Maybe\",\"1 (A)\",\"NOERROR\",\"x.com.\",\"\",\"AD Users\",\"\",\"\"\n" +
            "\"not a time\",\"a\",\"a\",\"10.1.2.3\",\"1.1.1.1\",\"Blocked\",\"1 (A)\",\"NOERROR\",\"x.com.\",\"\",\"AD Users\",\"\",\"\"",
            0, 2),
        new("umbrella unclosed quote", UmbrellaDnsCsvAdapter.FormatName, "\"2024-03-01 09:00:01,a,b", 0, 0, Unusable: true),

        // Smoothwall web filter
        new("smoothwall web filter reordered extra columns", SmoothwallWebFilterCsvAdapter.FormatName,
            "URL,Extra,Username,Time,Source IP,Group,Code,Categories\nhttps://pornsite.example/x,zzz,kid1,2024-03-01 09:00:00,10.3.3.3,Year 8,403,\"Adult Content, Pornography\"\n",
            1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Blocked); r.User.ShouldBe("kid1"); r.Group.ShouldBe("Year 8");
                r.Categories.Count.ShouldBe(2); r.OccurredAt.ShouldBe(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
            }),
        new("smoothwall web filter uk date and log level", SmoothwallWebFilterCsvAdapter.FormatName,
            "Date/Time,User name,IP,URL,Category,Log level\n01/07/2024 14:30,kid2,10.3.3.4,http://a.com,Suicide,5\n",
            1, 0, Check: r => { r.Severity.ShouldBe(5); r.OccurredAt.ShouldBe(new DateTimeOffset(2024, 7, 1, 13, 30, 0, TimeSpan.Zero)); }),
        new("smoothwall web filter missing url column", SmoothwallWebFilterCsvAdapter.FormatName, "Time,User\n2024-01-01 10:00,x\n", 0, 0, Unusable: true),
        new("smoothwall web filter bad date row", SmoothwallWebFilterCsvAdapter.FormatName, "Time,URL\nsoon,http://a.com\n2024-01-01 10:00,http://b.com\n", 1, 1, RejectedField: "Time"),

        // Smoothwall safeguarding
        new("smoothwall safeguarding danger", SmoothwallSafeguardingCsvAdapter.FormatName,
            "User,Safeguarding level,Safeguarding categories,Date / Time,Search term,Domain\n\"kid3 (Year 10)\",Danger,Radicalisation,2024-03-01 12:00:00,how to join,extreme.example\n",
            1, 0, Check: r => { r.User.ShouldBe("kid3"); r.Group.ShouldBe("Year 10"); r.Severity.ShouldBe(5); r.SearchTerm.ShouldBe("how to join"); }),
        new("smoothwall safeguarding unknown level", SmoothwallSafeguardingCsvAdapter.FormatName,
            "Date / Time,Level,Categories,User\n2024-03-01 12:00:00,Purple,Bullying,kid4\n", 0, 1, RejectedField: "Safeguarding level"),
        new("smoothwall safeguarding missing columns", SmoothwallSafeguardingCsvAdapter.FormatName, "User,Domain\nkid,x.com\n", 0, 0, Unusable: true),

        // Lightspeed
        new("lightspeed redirected", LightspeedActivityCsvAdapter.FormatName,
            "Time,Destination,Action,Reason,User,IP Address,User OU,User Groups,Computer,Category\n2024-03-01T09:00:00Z,casino.example,Redirected,Category blocked,kid5,10.4.4.4,/Pupils,Year 7,CB-01,gambling\n",
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Blocked); r.DeviceName.ShouldBe("CB-01"); r.Group.ShouldBe("Year 7"); }),
        new("lightspeed unknown action", LightspeedActivityCsvAdapter.FormatName,
            "Time,Destination,Action\n2024-03-01T09:00:00Z,a.com,Quarantined\n", 0, 1, RejectedField: "Action"),
        new("lightspeed missing time column", LightspeedActivityCsvAdapter.FormatName, "Destination,Action\na.com,Allowed\n", 0, 0, Unusable: true),

        // Canonical JSON
        new("canonical single", CanonicalJsonAdapter.FormatName,
            """{"occurredAt":"2025-01-31T09:15:00Z","sourceEventId":"e1","subject":{"user":"kid6"},"device":{"ip":"10.5.5.5"},"activity":{"action":"Blocked","url":"https://x.example/a"},"classification":{"categoryLabel":"self-harm","severity":4},"evidence":{"kind":"Hash","sha256":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""",
            1, 0, Check: r => { r.SourceEventId.ShouldBe("e1"); r.Severity.ShouldBe(4); r.Host.ShouldBe("x.example"); r.EvidenceKind.ShouldBe("Hash"); }),
        new("canonical array with bad records", CanonicalJsonAdapter.FormatName,
            """[{"occurredAt":"2025-01-31T09:15:00Z","activity":{"action":"Allowed"}},{"occurredAt":"nope","activity":{"action":"Allowed"}},{"occurredAt":"2025-01-31T09:15:00Z","activity":{"action":"Exploded"}},{"occurredAt":"2025-01-31T09:15:00Z","activity":{"action":"Blocked"},"classification":{"severity":9}},{"occurredAt":"2025-01-31T09:15:00Z","activity":{"action":"Blocked"},"device":{"ip":"999.1.1.1"}},{"occurredAt":"2025-01-31T09:15:00Z","activity":{"action":"Blocked"},"evidence":{"kind":"VendorLink","content":"AAAA"}}]""",
            1, 5),
        new("canonical local time with zone", CanonicalJsonAdapter.FormatName,
            """{"occurredAt":"2024-07-01T10:00:00","timeZone":"Europe/London","activity":{"action":"Warned"}}""", 1, 0,
            Check: r => { r.OccurredAt.ShouldBe(new DateTimeOffset(2024, 7, 1, 9, 0, 0, TimeSpan.Zero)); r.VendorLocalTime.ShouldBe("2024-07-01T10:00:00"); }),
        new("canonical not json", CanonicalJsonAdapter.FormatName, "{not json", 0, 0, Unusable: true),
        new("canonical empty array", CanonicalJsonAdapter.FormatName, "[]", 0, 0, Unusable: true),
        new("canonical scalar", CanonicalJsonAdapter.FormatName, "42", 0, 0, Unusable: true),
        new("canonical two values", CanonicalJsonAdapter.FormatName, "{} {}", 0, 0, Unusable: true),

        // Google Alert Center
        new("google created", GoogleAlertCenterAdapter.FormatName, Google("CREATED", "HIGH", "2024-03-01T09:00:00Z"), 1, 0, Check: r =>
        {
            r.SourceEventId.ShouldBe("alert/a-1"); r.Severity.ShouldBe(4); r.Revision.ShouldBeNull(); r.User.ShouldBe("kid7@school.org");
        }),
        new("google modified is a revision", GoogleAlertCenterAdapter.FormatName, Google("MODIFIED", "LOW", "2024-03-01T10:00:00Z"), 1, 0,
            Check: r => r.Revision.ShouldBe("MODIFIED:2024-03-01T10:00:00Z")),
        new("google data not base64", GoogleAlertCenterAdapter.FormatName, """{"message":{"data":"%%%","attributes":{}}}""", 0, 0, Unusable: true),
        new("google no message", GoogleAlertCenterAdapter.FormatName, """{"subscription":"x"}""", 0, 0, Unusable: true),
        new("google alert without id", GoogleAlertCenterAdapter.FormatName,
            "{\"message\":{\"data\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"createTime\":\"2024-03-01T09:00:00Z\"}")) + "\"}}", 0, 1, RejectedField: "alertId"),

        // Microsoft Graph
        new("graph alert notification", GraphSecurityAlertsAdapter.FormatName, Graph("high"), 1, 0, Check: r =>
        {
            r.Severity.ShouldBe(4); r.User.ShouldBe("kid8@school.org"); r.DeviceName.ShouldBe("LAPTOP-1"); r.Ip.ShouldBe("10.6.6.6");
            r.Categories[0].Id.ShouldBe("Malware");
        }),
        new("graph notification without resource data", GraphSecurityAlertsAdapter.FormatName,
            """{"value":[{"clientState":"s","resource":"security/alerts_v2/x","changeType":"created"}]}""", 0, 1, RejectedField: "value[0].resourceData"),
        new("graph not a notification body", GraphSecurityAlertsAdapter.FormatName, """{"id":"x"}""", 0, 0, Unusable: true),

        // Palo Alto Networks PAN-OS THREAT log (default CSV syslog format; field positions from "Threat Log Fields")
        new("pan-os url filtering block", PaloAltoSyslogAdapter.FormatName, PanOs("url", "block-url", "\"casino.example/slots\"", "(9999)", "gambling", "informational"),
            1, 0, Check: r =>
            {
                r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.VendorTimeZone.ShouldBe("Europe/London");
                r.Action.ShouldBe(FilterActions.Blocked); r.User.ShouldBe("kid7"); r.Ip.ShouldBe("10.8.8.21"); r.Host.ShouldBe("casino.example");
                r.Url.ShouldBe("casino.example/slots"); r.Categories.ShouldHaveSingleItem().Label.ShouldBe("gambling");
                r.Severity.ShouldBeNull(); r.VendorSeverity.ShouldBe("informational"); r.SourceEventId.ShouldBe("007051000113358/7253447213");
                r.Application.ShouldBe("web-browsing");
            }),
        new("pan-os url with syslog header and continue page", PaloAltoSyslogAdapter.FormatName,
            "<14>Nov 21 12:00:01 PA-3220 " + PanOs("url", "continue", "\"chat.example/room?a=1,b=2\"", "(9999)", "social-networking", "informational"),
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Warned); r.Url.ShouldBe("chat.example/room?a=1,b=2"); }),
        new("pan-os spyware threat", PaloAltoSyslogAdapter.FormatName,
            PanOs("spyware", "reset-both", "", "\"Suspicious DNS Query (generic:evil.example)(109000001)\"", "any", "high"), 1, 0, Check: r =>
            {
                r.Categories.ShouldHaveSingleItem().Label.ShouldBe("spyware"); r.Severity.ShouldBe(4); r.Action.ShouldBe(FilterActions.Blocked);
                r.VendorSeverity!.ShouldContain("Suspicious DNS Query"); r.Url.ShouldBeNull();
            }),
        new("pan-os traffic log is not read", PaloAltoSyslogAdapter.FormatName, PanOs("url", "allow", "a.example/", "(9999)", "news", "informational").Replace(",THREAT,", ",TRAFFIC,"),
            0, 1, RejectedField: "type"),
        new("pan-os unknown action", PaloAltoSyslogAdapter.FormatName, PanOs("url", "frobbed", "a.example/", "(9999)", "news", "informational"), 0, 1, RejectedField: "action"),
        new("pan-os bad generated time", PaloAltoSyslogAdapter.FormatName,
            PanOs("url", "allow", "a.example/", "(9999)", "news", "informational").Replace(",2026/11/21 12:00:00,10.8.8.21", ",2026/13/45 99:00:00,10.8.8.21"), 0, 1, RejectedField: "generated_time"),
        new("pan-os truncated record", PaloAltoSyslogAdapter.FormatName, "1,2026/11/21 12:00:01,007051000113358,THREAT,url,2561,2026/11/21 12:00:00,10.8.8.21", 0, 1, RejectedField: "line"),
        new("pan-os unclosed quote", PaloAltoSyslogAdapter.FormatName, PanOs("url", "allow", "a.example/", "(9999)", "news", "informational") + ",\"unterminated", 0, 1, RejectedField: "line"),
        new("pan-os not a pan record", PaloAltoSyslogAdapter.FormatName, "hello, world", 0, 1, RejectedField: "line"),

        // Sophos Firewall (SFOS) web filter log, key=value (Sophos Firewall "Log file details": Content Filtering / HTTP)
        new("sophos web filter denied", SophosFirewallKeyValueAdapter.FormatName, SophosDenied, 1, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.Action.ShouldBe(FilterActions.Blocked);
            r.User.ShouldBe("kid9"); r.Group.ShouldBe("Year 9"); r.Ip.ShouldBe("10.9.9.9"); r.Host.ShouldBe("harm.example");
            r.Url.ShouldBe("https://harm.example/page"); r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Pro-Suicide & Self-Harm");
            r.Severity.ShouldBeNull(); r.VendorSeverity.ShouldBe("Information"); r.SourceEventId.ShouldNotBeNull();
        }),
        new("sophos allowed in summer time", SophosFirewallKeyValueAdapter.FormatName,
            "device=\"SFW\" date=2026-07-01 time=10:00:00 timezone=\"BST\" log_type=\"Content Filtering\" log_component=\"HTTP\" log_subtype=\"Allowed\" priority=Information user_name=\"\" category=\"News\" url=\"http://bbc.co.uk/news\" src_ip=10.9.9.10",
            1, 0, Check: r => { r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero)); r.Action.ShouldBe(FilterActions.Allowed); r.User.ShouldBeNull(); }),
        new("sophos warned with no timezone is source local", SophosFirewallKeyValueAdapter.FormatName,
            "date=2026-11-21 time=12:00:00 log_type=\"Content Filtering\" log_subtype=\"Warned\" category=\"Games\" url=\"https://games.example/\"",
            1, 0, Check: r => { r.Action.ShouldBe(FilterActions.Warned); r.VendorTimeZone.ShouldBe("Europe/London"); }),
        new("sophos firewall log is not read", SophosFirewallKeyValueAdapter.FormatName,
            "date=2026-11-21 time=12:00:00 log_type=\"Firewall\" log_subtype=\"Allowed\" src_ip=10.0.0.1", 0, 1, RejectedField: "log_type"),
        new("sophos unknown subtype", SophosFirewallKeyValueAdapter.FormatName,
            "date=2026-11-21 time=12:00:00 log_type=\"Content Filtering\" log_subtype=\"Frobbed\"", 0, 1, RejectedField: "log_subtype"),
        new("sophos no time", SophosFirewallKeyValueAdapter.FormatName, "log_type=\"Content Filtering\" log_subtype=\"Denied\" url=\"https://a.example/\"", 0, 1, RejectedField: "date"),
        new("sophos not key value", SophosFirewallKeyValueAdapter.FormatName, "just some words", 0, 1, RejectedField: "line"),

        // Senso captures export (CSV by header name)
        new("senso captures", SensoCapturesCsvAdapter.FormatName, SensoCsv, 2, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.Severity.ShouldBe(5); r.VendorSeverity.ShouldBe("CRITICAL");
            r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Self Harm"); r.SearchTerm.ShouldBe("want to die"); r.Action.ShouldBe(FilterActions.Captured);
            r.User.ShouldBe("kid3"); r.DeviceName.ShouldBe("LAB-PC-07"); r.Ip.ShouldBe("10.3.3.7"); r.Application.ShouldBe("Microsoft Word");
            r.SourceEventId.ShouldBe("cap-1001"); r.EvidenceKind.ShouldBe(EvidenceKinds.VendorLink);
        }),
        new("senso reordered columns and a bad severity", SensoCapturesCsvAdapter.FormatName,
            "Severity,User,Rule Set,Date/Time\nURGENT,kid5,Radicalisation,2026-11-21 09:30\nSEVERE,kid6,Bullying,2026-11-21 09:31\n", 1, 1, RejectedField: "Severity"),
        new("senso bad time", SensoCapturesCsvAdapter.FormatName, "Date/Time,Severity,Rule Set\nyesterday,HIGH,Bullying\n", 0, 1, RejectedField: "Date/Time"),
        new("senso missing rule set column", SensoCapturesCsvAdapter.FormatName, "Date/Time,Severity\n2026-11-21 09:30,HIGH\n", 0, 0, Unusable: true),

        // Securly Filter activity report (CSV by header name; contents as Securly's "How do I read Filter activity reports?")
        new("securly activity report", SecurlyActivityCsvAdapter.FormatName, SecurlyCsv, 2, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.Action.ShouldBe(FilterActions.Blocked);
            r.User.ShouldBe("kid1@blakehill.sch.uk"); r.Group.ShouldBe("/Students/Year 8"); r.Url.ShouldBe("https://casino.example/slots");
            r.Host.ShouldBe("casino.example"); r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Gambling"); r.SearchTerm.ShouldBeNull();
            r.Severity.ShouldBeNull(); r.Product.ShouldBe("Securly Filter");
        }),
        new("securly search activity keeps the words as the search term", SecurlyActivityCsvAdapter.FormatName,
            "Date/Time,Email,Source,Site,Type,Category\n2026-11-21 12:01:00,kid2@blakehill.sch.uk,Search,how to hurt myself,Blocked,Self-harm\n", 1, 0, Check: r =>
            {
                r.SearchTerm.ShouldBe("how to hurt myself"); r.Url.ShouldBeNull(); r.Categories[0].Label.ShouldBe("Self-harm");
            }),
        new("securly byte-order mark, CRLF, lower-case quoted headers in another order, optional columns missing", SecurlyActivityCsvAdapter.FormatName,
            "\uFEFF\"type\",\"category\",\"site\",\"date\"\r\n\"ALLOWED\",\"News\",\"bbc.co.uk/news\",\"2026-07-01 10:00:00\"\r\n", 1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Allowed); r.Url.ShouldBe("https://bbc.co.uk/news"); r.User.ShouldBeNull();
                r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero));
            }),
        new("securly month-first date that can only be month-first", SecurlyActivityCsvAdapter.FormatName,
            "Date,Site,Type\n11/21/2026 12:00,casino.example,Blocked\n", 1, 0,
            Check: r => { r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.VendorLocalTime.ShouldBe("11/21/2026 12:00"); }),
        new("securly day-or-month date is refused, not guessed", SecurlyActivityCsvAdapter.FormatName,
            "Date,Site,Type\n03/04/2026 09:00,casino.example,Blocked\n", 0, 1, RejectedField: "Date/Time"),
        new("securly unknown type", SecurlyActivityCsvAdapter.FormatName, "Date,Site,Type\n2026-11-21 12:00,a.example,Quarantined-ish\n", 0, 1, RejectedField: "Type"),
        new("securly row without site or search", SecurlyActivityCsvAdapter.FormatName, "Date,Site,Type\n2026-11-21 12:00,,Blocked\n", 0, 1, RejectedField: "Site"),
        new("securly missing type column", SecurlyActivityCsvAdapter.FormatName, "Date,Site\n2026-11-21 12:00,a.example\n", 0, 0, Unusable: true),

        // Netsweeper request-log export (CSV by header name)
        new("netsweeper request log", NetsweeperCsvAdapter.FormatName, NetsweeperCsv, 2, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.Action.ShouldBe(FilterActions.Blocked);
            r.Ip.ShouldBe("10.7.7.7"); r.User.ShouldBe("kid3"); r.Group.ShouldBe("Year 9"); r.Host.ShouldBe("extreme.example");
            r.Categories.ShouldHaveSingleItem().ShouldBe(new VendorCategory("67", "Terrorism")); r.Product.ShouldBe("Netsweeper");
        }),
        new("netsweeper yes/no denied column, Excel sep line and CRLF", NetsweeperCsvAdapter.FormatName,
            "sep=,\r\nTime,URL,Denied\r\n21/11/2026 12:00,http://casino.example/,Yes\r\n21/11/2026 12:01,http://bbc.co.uk/,no\r\n", 2, 0,
            Check: r => { r.Action.ShouldBe(FilterActions.Blocked); r.Host.ShouldBe("casino.example"); }),
        new("netsweeper unknown action", NetsweeperCsvAdapter.FormatName, "Date/Time,URL,Action\n2026-11-21 12:00,http://a.example/,Frobbed\n", 0, 1, RejectedField: "Action"),
        new("netsweeper empty url", NetsweeperCsvAdapter.FormatName, "Date/Time,URL,Action\n2026-11-21 12:00,,Denied\n", 0, 1, RejectedField: "URL"),
        new("netsweeper bad time", NetsweeperCsvAdapter.FormatName, "Date/Time,URL,Action\nlast tuesday,http://a.example/,Denied\n", 0, 1, RejectedField: "Date/Time"),
        new("netsweeper missing action column", NetsweeperCsvAdapter.FormatName, "Date/Time,URL\n2026-11-21 12:00,http://a.example/\n", 0, 0, Unusable: true),

        // Impero keyword captures (CSV by header name; Who / When / What as Impero's "Viewed Word Captures")
        new("impero captures", ImperoCapturesCsvAdapter.FormatName, ImperoCsv, 2, 0, Check: r =>
        {
            r.OccurredAt.ShouldBe(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero)); r.Action.ShouldBe(FilterActions.Captured);
            r.User.ShouldBe("kid4"); r.SearchTerm.ShouldBe("kill myself"); r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Suicide");
            r.Severity.ShouldBe(5); r.VendorSeverity.ShouldBe("5"); r.DeviceName.ShouldBe("IT-SUITE-12"); r.Application.ShouldBe("Microsoft Word");
            r.SourceEventId.ShouldBe("imp-2001"); r.EvidenceKind.ShouldBe(EvidenceKinds.VendorLink);
        }),
        new("impero other spellings and a severity word", ImperoCapturesCsvAdapter.FormatName,
            "Keyword,Date,User,Category,Level\nknife,2026-11-21T09:30:00Z,kid5,Weapons and Violence,High\n", 1, 0,
            Check: r => { r.Severity.ShouldBe(4); r.SearchTerm.ShouldBe("knife"); r.EvidenceKind.ShouldBe(EvidenceKinds.None); }),
        new("impero unknown severity", ImperoCapturesCsvAdapter.FormatName, "Who,When,What,Severity\nkid6,2026-11-21 09:30,word,Purple\n", 0, 1, RejectedField: "Severity"),
        new("impero empty keyword", ImperoCapturesCsvAdapter.FormatName, "Who,When,What\nkid6,2026-11-21 09:30,\n", 0, 1, RejectedField: "What"),
        new("impero missing keyword column", ImperoCapturesCsvAdapter.FormatName, "Who,When\nkid6,2026-11-21 09:30\n", 0, 0, Unusable: true),

        // Qoria / Linewize School Manager and Monitor exports (CSV by header name)
        new("linewize filtering activity", LinewizeCsvAdapter.FormatName,
            "Time,User,Source IP,Website,Category,Sub Category,Action\n2026-11-21 12:00:00,kid7,10.5.5.5,extreme.example/join,Terrorism & Extremism,Violence,Blocked\n", 1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Blocked); r.Categories.Count.ShouldBe(2); r.Host.ShouldBe("extreme.example");
                r.Url.ShouldBe("https://extreme.example/join"); r.Product.ShouldBe("Linewize School Manager"); r.Severity.ShouldBeNull();
            }),
        new("linewize flagged search without an action is monitored", LinewizeCsvAdapter.FormatName,
            "Time,User,Search Term,Flag\n21/11/2026 12:05,kid8,how many pills to overdose,Suicide Searches\n", 1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Monitored); r.SearchTerm.ShouldBe("how many pills to overdose");
                r.Categories.ShouldHaveSingleItem().Label.ShouldBe("Suicide Searches"); r.Url.ShouldBeNull();
            }),
        new("linewize monitor capture with a risk level", LinewizeCsvAdapter.FormatName,
            "Time,User,Device,Risk,Theme,Captured Text,Screenshot\n2026-11-21 12:10:00,kid9,LAPTOP-9,5,Suicide,i want to end it,https://monitor.linewize.example/c/1\n", 1, 0, Check: r =>
            {
                r.Action.ShouldBe(FilterActions.Captured); r.Severity.ShouldBe(5); r.Product.ShouldBe("Linewize Monitor"); r.EvidenceKind.ShouldBe(EvidenceKinds.VendorLink);
            }),
        new("linewize risk out of range", LinewizeCsvAdapter.FormatName, "Time,Search Term,Risk\n2026-11-21 12:00,x,9\n", 0, 1, RejectedField: "Risk"),
        new("linewize unknown action", LinewizeCsvAdapter.FormatName, "Time,Website,Action\n2026-11-21 12:00,a.example,Frobbed\n", 0, 1, RejectedField: "Action"),
        new("linewize no website or search term", LinewizeCsvAdapter.FormatName, "Time,Website,Search Term\n2026-11-21 12:00,,\n", 0, 1, RejectedField: "Website"),
        new("linewize missing time column", LinewizeCsvAdapter.FormatName, "Website,Action\na.example,Blocked\n", 0, 0, Unusable: true),
    ];

    private const string SophosDenied = """device="SFW" date=2026-11-21 time=12:00:00 timezone="GMT" device_name="XG230" device_id=C44310Z1ABCD log_id=050901616001 log_type="Content Filtering" log_component="HTTP" log_subtype="Denied" status="" priority=Information fw_rule_id=12 user_name="kid9" user_gp="Year 9" iap=4 category="Pro-Suicide & Self-Harm" category_type="Objectionable" url="https://harm.example/page" contenttype="" override_token="" src_ip=10.9.9.9 dst_ip=198.51.100.7 protocol="TCP" src_port=51515 dst_port=443 sent_bytes=0 recv_bytes=0 domain=harm.example exceptions="" activityname="" reason="" user_agent="" status_code="403" transactionid="" referer="" download_file_name="" download_file_type="" upload_file_name="" upload_file_type="" con_id=2871341232 application="" app_is_cloud=0 override_name="" override_authorizer="" """;

    private const string SecurlyCsv = "Date/Time,User,Email,Org Unit,Source,Site,Type,Category,Policy\n" +
        "21/11/2026 12:00:00,Kid One,kid1@blakehill.sch.uk,/Students/Year 8,Sites,casino.example/slots,Blocked,Gambling,Students\n" +
        "21/11/2026 12:00:30,Kid One,kid1@blakehill.sch.uk,/Students/Year 8,Sites,https://bbc.co.uk/news,Allowed,News,Students\n";

    private const string NetsweeperCsv = "Date/Time,Client IP,Login Name,Group,URL,Category,Category ID,Action\n" +
        "2026-11-21 12:00:00,10.7.7.7,kid3,Year 9,http://extreme.example/join,Terrorism,67,Denied\n" +
        "2026-11-21 12:00:05,10.7.7.7,kid3,Year 9,http://bbc.co.uk/news,News,,Allowed\n";

    private const string ImperoCsv = "Who,When,What,Keyword List,Severity,Device,Application,Capture ID,Screenshot\n" +
        "kid4,21/11/2026 12:00:00,kill myself,Suicide,5,IT-SUITE-12,Microsoft Word,imp-2001,https://backdrop.impero.example/captures/imp-2001\n" +
        "kid4,21/11/2026 12:02:00,idiot,Offensive Language,,IT-SUITE-12,Google Chrome,imp-2002,\n";

    private const string SensoCsv = "Date/Time,Severity,Rule Set,Rule Word,User,Device,IP Address,Application,Capture ID,Screenshot\n" +
        "21/11/2026 12:00:00,CRITICAL,Self Harm,want to die,kid3,LAB-PC-07,10.3.3.7,Microsoft Word,cap-1001,https://console.senso.cloud/captures/cap-1001\n" +
        "21/11/2026 12:05:00,LOW,Offensive Language,damn,kid4,LAB-PC-08,10.3.3.8,Google Chrome,cap-1002,\n";

    /// <summary>
    /// A PAN-OS 10 THREAT log record in the default syslog format, positions as in "Threat Log Fields": 1 receive time,
    /// 2 serial, 3 type, 4 subtype, 6 generated time, 7 source, 12 source user, 14 application, 22 session, 30 action,
    /// 31 URL/filename, 32 threat id, 33 category, 34 severity, 36 sequence number, then the later fields.
    /// </summary>
    public static string PanOs(string subtype, string action, string misc, string threatId, string category, string severity, string generated = "2026/11/21 12:00:00") =>
        string.Join(',', "1", "2026/11/21 12:00:01", "007051000113358", "THREAT", subtype, "2561", generated, "10.8.8.21", "104.18.1.1",
            "203.0.113.5", "104.18.1.1", "pupils-web", "school\\kid7", "", "web-browsing", "vsys1", "trust", "untrust", "ethernet1/2",
            "ethernet1/1", "syslog-fwd", generated, "34591", "1", "52311", "80", "41002", "80", "0x40b000", "tcp", action, misc, threatId,
            category, severity, "client-to-server", "7253447213", "0x8000000000000000", "10.0.0.0-10.255.255.255", "United States", "0",
            "text/html", "0", "", "", "0", "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"", "", "", "", "", "", "", "0", "0", "0", "0", "0",
            "", "PA-3220", "", "", "", "get", "0", "", "0", "", "N/A", "", "8520-7911", "0x0", "0", "0", "", "", "");

    private static string Google(string status, string severity, string updateTime)
    {
        var alert = $$"""{"customerId":"C01","alertId":"a-1","createTime":"2024-03-01T09:00:00Z","startTime":"2024-03-01T08:59:00Z","type":"User reported phishing","source":"Gmail phishing","data":{"@type":"type.googleapis.com/google.apps.alertcenter.type.MailPhishing","email":"kid7@school.org"},"metadata":{"status":"NOT_STARTED","severity":"{{severity}}"},"updateTime":"{{updateTime}}"}""";
        return $$"""{"message":{"data":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes(alert))}}","attributes":{"alertcenter_resource_status":"{{status}}","alertcenter_type":"User reported phishing"},"messageId":"1","publishTime":"2024-03-01T09:00:01Z"},"subscription":"projects/p/subscriptions/s"}""";
    }

    public static string Graph(string severity, string clientState = "state") =>
        $$$"""{"value":[{"subscriptionId":"sub","clientState":"{{{clientState}}}","changeType":"created","resource":"security/alerts_v2/da1","resourceData":{"id":"da1","severity":"{{{severity}}}","category":"Malware","title":"Malware detected","serviceSource":"microsoftDefenderForEndpoint","detectionSource":"antivirus","createdDateTime":"2024-03-01T09:00:00Z","lastUpdateDateTime":"2024-03-01T09:05:00Z","evidence":[{"@odata.type":"#microsoft.graph.security.userEvidence","userAccount":{"userPrincipalName":"kid8@school.org"}},{"@odata.type":"#microsoft.graph.security.deviceEvidence","deviceDnsName":"LAPTOP-1"},{"@odata.type":"#microsoft.graph.security.ipEvidence","ipAddress":"10.6.6.6"}]}}]}""";
}
