namespace TrustSafety.Reporting.Tests.ViewingSchoolSummary;

public sealed class ViewingSchoolSummaryApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
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
