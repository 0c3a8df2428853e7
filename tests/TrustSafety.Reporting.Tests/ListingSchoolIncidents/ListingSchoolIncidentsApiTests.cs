using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ListingSchoolIncidents;

/// <summary>
/// Issue 13: the views read rollups folded as facts arrive. These pin what the rollups must keep right: redeliveries
/// counted once, bounded ranges and pages, a rebuild that gives the same figures while reads go on, the trust's
/// headline totals under suppression, staff allegations for the DSL and headteacher only, and custody by the
/// contract's own values.
/// </summary>
public sealed class ListingSchoolIncidentsApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Theory]
    [InlineData("/school/incidents?page=0", "page")]
    [InlineData("/school/incidents?page=2147483647", "page")]
    [InlineData("/school/incidents?pageSize=0", "pageSize")]
    [InlineData("/school/incidents?pageSize=100000", "pageSize")]
    [InlineData("/school/summary?from=2020-01&to=2026-12", "to")]
    public async Task a_page_or_range_out_of_bounds_is_refused_naming_the_field(string url, string field)
    {
        using var client = await fx.ClientFor("dsl.westfield");
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldContain(field);
    }

    [Fact]
    public async Task the_incident_list_is_paged_on_the_server_newest_first()
    {
        for (var i = 0; i < 7; i++) await fx.Publish(Reported(Westfield, In(2033, 5, 1 + i)));
        await fx.Summary("dsl.westfield", "2033-05", s => s["figures"]!["reported"].Int() == 7, "seven incidents");

        using var client = await fx.ClientFor("dsl.westfield");
        using var first = await client.GetAsync("/school/incidents?from=2033-05&to=2033-05&pageSize=3");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.GetValues("X-Total-Count").Single().ShouldBe("7");
        var next = first.Headers.GetValues("Link").Single();
        next.ShouldContain("page=2");
        var rows = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        rows.Count.ShouldBe(3);
        rows[0]!["reportedAt"]!.GetValue<DateTimeOffset>().Day.ShouldBe(7, "newest first");

        using var last = await client.GetAsync("/school/incidents?from=2033-05&to=2033-05&pageSize=3&page=3");
        JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsArray().Count.ShouldBe(1);
        last.Headers.Contains("Link").ShouldBeFalse("the last page has no next");
    }

    [Fact]
    public async Task allegations_against_staff_are_listed_to_the_dsl_and_headteacher_only_as_in_the_incident_service()
    {
        var allegation = Guid.CreateVersion7();
        await fx.Publish(Reported(Blakehill, In(2035, 1), allegation: true, id: allegation));
        await fx.Publish(Reported(Blakehill, In(2035, 1, 11)));
        await fx.Summary("dsl.blakehill", "2035-01", s => s["figures"]!["reported"].Int() == 2, "both incidents");

        async Task<IReadOnlyList<string>> Listed(string user)
        {
            using var client = await fx.ClientFor(user);
            var rows = await client.GetFromJsonAsync<JsonArray>("/school/incidents?from=2035-01&to=2035-01");
            rows.ShouldNotBeNull();
            return rows.Select(r => r!["id"].Str()).ToList();
        }
        (await Listed("dsl.blakehill")).ShouldContain(allegation.ToString());
        (await Listed("head.blakehill")).ShouldContain(allegation.ToString());
        var deputy = await Listed("deputy.blakehill");
        deputy.Count.ShouldBe(1);
        deputy.ShouldNotContain(allegation.ToString(), "the incident service shows staff allegations to the DSL and headteacher only");

        using var lead = await fx.ClientFor("trust.lead");
        (await lead.PostAsJsonAsync("/grants", new { schoolUrn = Blakehill, reason = "Review of January's incidents", hours = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var granted = await lead.GetFromJsonAsync<JsonNode>("/trust/schools/141001/incidents?from=2035-01&to=2035-01");
        granted.ShouldNotBeNull();
        granted["incidents"]!.AsArray().Select(r => r!["id"].Str()).ShouldNotContain(allegation.ToString());
    }
}
