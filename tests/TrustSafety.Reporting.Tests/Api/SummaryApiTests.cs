using System.Net;
using System.Text.Json.Nodes;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Reporting.Tests.Api;

public sealed class SummaryApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private const string Blakehill = "141001";
    private const string Caldecote = "141002";

    private static IncidentReported Reported(string school, DateTimeOffset at, string? category, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), school, at, at.AddHours(-1), "staff", category, "conduct", false);

    private static DateTimeOffset In(int year, int month, int day = 10) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static JsonNode? SchoolCell(JsonNode summary, string urn, string month, string category) =>
        summary["incidents"]!.Find("schools", s => s["urn"].Str() == urn)!
            .Find("cells", c => c["month"].Str() == month && c["category"].Str() == category)!["count"];

    private async Task<JsonNode> SchoolSummaryOnce(string user, string from, Func<JsonNode, bool> done) =>
        await Eventually.Returns(() => fx.GetJson(user, $"/school/summary?from={from}&to={from}"), done,
            TimeSpan.FromSeconds(20), $"{user}'s school summary for {from}");

    [Fact]
    public async Task the_trust_summary_shows_counts_under_five_as_less_than_five_and_no_total_gives_them_away()
    {
        for (var i = 0; i < 3; i++) await fx.Publish(Reported(Blakehill, In(2030, 10, 1 + i), "cyberbullying"));
        for (var i = 0; i < 7; i++) await fx.Publish(Reported(Blakehill, In(2030, 10, 1 + i), "online-hate"));
        for (var i = 0; i < 12; i++) await fx.Publish(Reported(Caldecote, In(2030, 10, 1 + i), "online-hate"));

        await SchoolSummaryOnce("dsl.caldecote", "2030-10", s => s["incidents"]!["total"]!["value"]!.Int() == 12);
        await SchoolSummaryOnce("dsl.blakehill", "2030-10", s => s["incidents"]!["total"]!["value"]!.Int() == 10);
        var summary = await fx.GetJson("trust.lead", "/trust/summary?from=2030-10&to=2030-10");

        SchoolCell(summary, Blakehill, "2030-10", "cyberbullying")!["display"].Str().ShouldBe("<5");
        SchoolCell(summary, Blakehill, "2030-10", "cyberbullying")!["value"].ShouldBeNull();
        // Blakehill's total is 10: showing 7 beside it would give the 3 away, so the 7 is withheld too.
        var blakehill = summary["incidents"]!.Find("schools", s => s["urn"].Str() == Blakehill)!;
        blakehill["total"]!["display"].Str().ShouldBe("10");
        SchoolCell(summary, Blakehill, "2030-10", "online-hate")!["value"].ShouldBeNull();
        var shownCells = blakehill["cells"]!.AsArray().Where(c => c!["count"]!["value"] is not null).Sum(c => c!["count"]!["value"].Int());
        (10 - shownCells).ShouldBeGreaterThanOrEqualTo(5, "the shown cells must not leave a single small number to subtract");
        SchoolCell(summary, Caldecote, "2030-10", "online-hate")!["display"].Str().ShouldBe("12");
        summary["suppression"]!["threshold"].Int().ShouldBe(5);
        summary["asOf"]!["asOf"].ShouldNotBeNull();
    }

    [Fact]
    public async Task a_dsl_sees_their_own_school_in_full_and_nothing_of_another()
    {
        for (var i = 0; i < 2; i++) await fx.Publish(Reported(Blakehill, In(2031, 3), "online-hate"));
        await fx.Publish(Reported(Caldecote, In(2031, 3), "online-hate"));

        var blakehill = await SchoolSummaryOnce("dsl.blakehill", "2031-03", s => s["incidents"]!["total"]!["value"]!.Int() == 2);
        SchoolCell(blakehill, Blakehill, "2031-03", "online-hate")!["display"].Str().ShouldBe("2");
        blakehill["incidents"]!["schools"]!.AsArray().ShouldHaveSingleItem()!["urn"].Str().ShouldBe(Blakehill);
        var caldecote = await SchoolSummaryOnce("dsl.caldecote", "2031-03", s => s["incidents"]!["total"]!["value"]!.Int() == 1);
        caldecote["incidents"]!["schools"]!.AsArray().ShouldHaveSingleItem()!["urn"].Str().ShouldBe(Caldecote);
    }

    [Fact]
    public async Task a_redelivered_event_is_counted_once()
    {
        var message = Reported(Blakehill, In(2031, 5), "grooming-exploitation");
        var messageId = Guid.NewGuid();
        await fx.Publish(message, messageId);
        await fx.Publish(message, messageId);
        await fx.Publish(Reported(Blakehill, In(2031, 5), "other"));

        var summary = await SchoolSummaryOnce("dsl.blakehill", "2031-05", s => s["incidents"]!["total"]!["value"]!.Int() >= 2);
        SchoolCell(summary, Blakehill, "2031-05", "grooming-exploitation")!["value"].Int().ShouldBe(1);
    }

    [Fact]
    public async Task a_triage_that_arrives_before_its_report_counts_one_incident_in_the_triaged_category()
    {
        var id = Guid.CreateVersion7();
        var at = In(2031, 7);
        await fx.Publish(new IncidentTriaged(id, Blakehill, at.AddHours(3), at, "online-sexual-harassment", "contact", 4, false));
        await fx.Publish(Reported(Blakehill, at, "other", id));
        await fx.Publish(Reported(Blakehill, at, "data-breach"));

        // The triage has its own queue: wait for it too, not only for the two reports.
        var summary = await SchoolSummaryOnce("dsl.blakehill", "2031-07", s => s["incidents"]!["total"]!["value"]!.Int() >= 2
            && SchoolCell(s, Blakehill, "2031-07", "online-sexual-harassment")?["value"]?.GetValue<int>() >= 1);
        summary["incidents"]!["total"]!["value"].Int().ShouldBe(2);
        SchoolCell(summary, Blakehill, "2031-07", "online-sexual-harassment")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-07", "other")!["value"].Int().ShouldBe(0);
    }

    /// <summary>Issue 15: a category of list 2026.1 travels from the incident service's events into its own column, beside 2025.1's.</summary>
    [Fact]
    public async Task incidents_in_categories_added_in_2026_1_are_counted_in_their_own_columns()
    {
        var at = In(2031, 9);
        var selfHarm = Guid.CreateVersion7();
        await fx.Publish(Reported(Blakehill, at, "self-harm-suicide-eating-disorder", selfHarm));
        await fx.Publish(new IncidentTriaged(selfHarm, Blakehill, at.AddHours(2), at, "mental-health-concern", "content", 4, false));
        await fx.Publish(Reported(Blakehill, at, "fraud-phishing"));
        await fx.Publish(Reported(Blakehill, at, "staff-misuse"));

        var summary = await SchoolSummaryOnce("dsl.blakehill", "2031-09", s => s["incidents"]!["total"]!["value"]!.Int() >= 3
            && SchoolCell(s, Blakehill, "2031-09", "mental-health-concern")?["value"]?.GetValue<int>() >= 1);
        summary["incidents"]!["total"]!["value"].Int().ShouldBe(3);
        SchoolCell(summary, Blakehill, "2031-09", "mental-health-concern")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "self-harm-suicide-eating-disorder")!["value"].Int().ShouldBe(0);
        SchoolCell(summary, Blakehill, "2031-09", "fraud-phishing")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "staff-misuse")!["value"].Int().ShouldBe(1);
        SchoolCell(summary, Blakehill, "2031-09", "copyright-plagiarism")!["value"].Int().ShouldBe(0);
    }

    [Theory]
    [InlineData("dsl.blakehill", "/trust/summary")]
    [InlineData("staff.blakehill", "/school/summary")]
    [InlineData("governor.blakehill", "/school/summary")]
    [InlineData("trust.lead", "/school/summary")]
    public async Task roles_outside_a_view_are_refused(string user, string url)
    {
        using var client = await fx.ClientFor(user);
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_malformed_month_is_a_problem_naming_the_field()
    {
        using var client = await fx.ClientFor("trust.lead");
        using var response = await client.GetAsync("/trust/summary?from=2026-13&to=nov");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!["from"].ShouldNotBeNull();
        problem["errors"]!["to"].ShouldNotBeNull();
    }
    private static VulnerabilityContextCounted Counted(string school, string month, int revision, int incidents, int lookedAfter, int send) =>
        new(school, DateTimeOffset.UtcNow, month, revision, incidents, lookedAfter, 0, send, 0, 0, 0, 0);

    [Fact]
    public async Task vulnerable_learner_counts_from_rabbitmq_reach_the_trust_lead_suppressed_the_latest_revision_standing_and_no_school_user_reads_them()
    {
        // Published through RabbitMQ as incident's forwarder does; the older revision arrives last and must not win.
        await fx.Publish(Counted(Blakehill, "2032-05", 2, incidents: 20, lookedAfter: 3, send: 6));
        await fx.Publish(Counted(Caldecote, "2032-05", 1, incidents: 30, lookedAfter: 9, send: 0));
        await fx.Publish(Counted(Blakehill, "2032-05", 1, incidents: 19, lookedAfter: 0, send: 5));

        var view = await Eventually.Returns(() => fx.GetJson("trust.lead", "/trust/vulnerable-learners?from=2032-05&to=2032-05"),
            v => v["trust"]!["incidents"]!["value"]?.GetValue<int>() == 50, TimeSpan.FromSeconds(60), "both schools' counts in the trust view");
        JsonNode Share(string urn, string context) => (urn == "trust" ? view["trust"]! : view.Find("schools", s => s["urn"].Str() == urn)!)
            .Find("contexts", c => c["context"].Str() == context)!;

        Share(Blakehill, "looked-after")["count"]!["display"].Str().ShouldBe("<5");
        Share(Blakehill, "looked-after")["percent"].ShouldBeNull();
        Share(Caldecote, "looked-after")["count"]!["display"].Str().ShouldBe("*");
        Share("trust", "looked-after")["count"]!["display"].Str().ShouldBe("12");
        Share(Blakehill, "send")["count"]!["display"].Str().ShouldBe("6");
        Share(Blakehill, "send")["percent"]!.GetValue<double>().ShouldBe(30.0);
        view.ToJsonString().ShouldNotContain("pupil", Case.Insensitive);

        using var dsl = await fx.ClientFor("dsl.blakehill");
        (await dsl.GetAsync("/trust/vulnerable-learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var governor = await fx.ClientFor("governor.blakehill");
        (await governor.GetAsync("/trust/vulnerable-learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
