using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ViewingTrustSummary;

public sealed class ViewingTrustSummaryApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task the_trust_summary_shows_counts_under_five_as_less_than_five_and_no_total_gives_them_away()
    {
        for (var i = 0; i < 3; i++) await fx.Publish(Reported(Blakehill, In(2030, 10, 1 + i), "cyberbullying"));
        for (var i = 0; i < 7; i++) await fx.Publish(Reported(Blakehill, In(2030, 10, 1 + i), "online-hate"));
        for (var i = 0; i < 12; i++) await fx.Publish(Reported(Caldecote, In(2030, 10, 1 + i), "online-hate"));

        await fx.SchoolSummaryOnce("dsl.caldecote", "2030-10", s => s["incidents"]!["total"]!["value"]!.Int() == 12);
        await fx.SchoolSummaryOnce("dsl.blakehill", "2030-10", s => s["incidents"]!["total"]!["value"]!.Int() == 10);
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
    public async Task a_malformed_month_is_a_problem_naming_the_field()
    {
        using var client = await fx.ClientFor("trust.lead");
        using var response = await client.GetAsync("/trust/summary?from=2026-13&to=nov");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["errors"]!["from"].ShouldNotBeNull();
        problem["errors"]!["to"].ShouldNotBeNull();
    }
}
