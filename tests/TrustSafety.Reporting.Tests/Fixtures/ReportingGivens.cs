namespace TrustSafety.Reporting.Tests.Fixtures;

/// <summary>
/// What the incident, rollup, summary and grant tests give: the trust's schools, a day in a month, an incident reported,
/// a summary's cell, the school summary once it shows what a test waits for, and a drill-down grant the trust lead issues.
/// </summary>
public static class ReportingGivens
{
    public const string Blakehill = "141001";
    public const string Caldecote = "141002";
    public const string StowHeath = "141003";
    public const string Westfield = "141004";

    public static DateTimeOffset In(int year, int month, int day = 10) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    public static IncidentReported Reported(string school, DateTimeOffset at, string? category = "online-hate", Guid? id = null, bool allegation = false) =>
        new(id ?? Guid.CreateVersion7(), school, at, at.AddHours(-1), "staff", category, "conduct", allegation);

    public static JsonNode? SchoolCell(JsonNode summary, string urn, string month, string category) =>
        summary["incidents"]!.Find("schools", s => s["urn"].Str() == urn)!
            .Find("cells", c => c["month"].Str() == month && c["category"].Str() == category)!["count"];

    /// <summary>The school summary for <paramref name="month"/> once <paramref name="done"/> holds (30 seconds at most).</summary>
    public static Task<JsonNode> Summary(this ReportingFixture fx, string user, string month, Func<JsonNode, bool> done, string what) =>
        Eventually.Returns(() => fx.GetJson(user, $"/school/summary?from={month}&to={month}"), done, TimeSpan.FromSeconds(30), what);

    /// <summary>The school summary for the month <paramref name="from"/> once <paramref name="done"/> holds (20 seconds at most).</summary>
    public static async Task<JsonNode> SchoolSummaryOnce(this ReportingFixture fx, string user, string from, Func<JsonNode, bool> done) =>
        await Eventually.Returns(() => fx.GetJson(user, $"/school/summary?from={from}&to={from}"), done,
            TimeSpan.FromSeconds(20), $"{user}'s school summary for {from}");

    /// <summary>A drill-down grant the trust lead issues for <paramref name="school"/>; it must be created.</summary>
    public static async Task<JsonNode> IssueGrant(this ReportingFixture fx, string school, int hours, string reason = "Repeated alerts across two weeks need review")
    {
        using var lead = await fx.ClientFor("trust.lead");
        using var response = await lead.PostAsJsonAsync("/grants", new { schoolUrn = school, reason, hours });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
