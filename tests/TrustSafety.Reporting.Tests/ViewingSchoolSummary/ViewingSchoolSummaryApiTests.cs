using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ViewingSchoolSummary;

public sealed class ViewingSchoolSummaryApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_dsl_sees_their_own_school_in_full_and_nothing_of_another()
    {
        for (var i = 0; i < 2; i++) await fx.Publish(Reported(Blakehill, In(2031, 3), "online-hate"));
        await fx.Publish(Reported(Caldecote, In(2031, 3), "online-hate"));

        var blakehill = await fx.SchoolSummaryOnce("dsl.blakehill", "2031-03", s => s["incidents"]!["total"]!["value"]!.Int() == 2);
        SchoolCell(blakehill, Blakehill, "2031-03", "online-hate")!["display"].Str().ShouldBe("2");
        blakehill["incidents"]!["schools"]!.AsArray().ShouldHaveSingleItem()!["urn"].Str().ShouldBe(Blakehill);
        var caldecote = await fx.SchoolSummaryOnce("dsl.caldecote", "2031-03", s => s["incidents"]!["total"]!["value"]!.Int() == 1);
        caldecote["incidents"]!["schools"]!.AsArray().ShouldHaveSingleItem()!["urn"].Str().ShouldBe(Caldecote);
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
}
