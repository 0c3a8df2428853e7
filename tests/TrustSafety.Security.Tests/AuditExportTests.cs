using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.Security.Tests;

/// <summary>A DSL exports their school's audit trail; the export is itself audited; no other school's facts leak in.</summary>
public sealed class AuditExportTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private async Task<string> ReportAndReadAsync(string dsl, string purpose)
    {
        var id = (await platform.PostAsync(dsl, "/api/incident/incidents", Matrix.MatrixWorld.Concern("P-AUD-1"))).GetProperty("id").GetString()!;
        using var client = await platform.GatewayClientFor(dsl);
        (await client.GetAsync($"/api/incident/incidents/{id}?purpose={Uri.EscapeDataString(purpose)}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }

    [Fact]
    public async Task a_dsl_exports_every_read_of_their_schools_records_as_json_and_the_export_is_itself_recorded()
    {
        var id = await ReportAndReadAsync("dsl.blakehill", "strategy meeting prep");
        using var dsl = await platform.GatewayClientFor("dsl.blakehill");

        var first = await dsl.GetFromJsonAsync<JsonElement>("/api/incident/audit?format=json");
        first.GetProperty("schoolUrn").GetString().ShouldBe(PlatformFixture.Blakehill);
        var reads = first.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "read" && e.GetProperty("incidentId").GetString() == id).ToList();
        reads.ShouldHaveSingleItem().GetProperty("detail").GetString().ShouldBe("strategy meeting prep");

        var second = await dsl.GetFromJsonAsync<JsonElement>("/api/incident/audit");
        second.GetProperty("entries").EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "audit-trail-exported"
            && e.GetProperty("by").GetString() != null);
    }

    [Fact]
    public async Task the_csv_export_has_a_header_and_one_line_per_fact_and_neutralises_spreadsheet_formulas()
    {
        var id = await ReportAndReadAsync("dsl.blakehill", "=HYPERLINK(\"http://evil\")");
        using var dsl = await platform.GatewayClientFor("dsl.blakehill");
        using var response = await dsl.GetAsync("/api/incident/audit?format=csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        csv.ShouldStartWith("at,kind,incidentId,by,byName,detail\n");
        var line = csv.Split('\n').Single(l => l.Contains(id));
        line.ShouldContain(",read,");
        line.ShouldContain("\"'=HYPERLINK(");
    }

    [Fact]
    public async Task another_schools_export_contains_none_of_this_schools_facts()
    {
        var id = await ReportAndReadAsync("dsl.blakehill", "isolation check");
        using var caldecote = await platform.GatewayClientFor("dsl.caldecote");
        var export = await caldecote.GetStringAsync("/api/incident/audit?format=json");
        export.ShouldNotContain(id);
        export.ShouldContain(PlatformFixture.Caldecote);
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z", "from")]
    [InlineData("from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to")]
    public async Task a_bad_export_window_or_format_is_a_problem_naming_the_field_and_records_nothing(string query, string field)
    {
        using var dsl = await platform.GatewayClientFor("dsl.blakehill");
        var before = (await dsl.GetFromJsonAsync<JsonElement>("/api/incident/audit")).GetProperty("entries").EnumerateArray()
            .Count(e => e.GetProperty("kind").GetString() == "audit-trail-exported");
        using var response = await dsl.GetAsync("/api/incident/audit?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        var after = (await dsl.GetFromJsonAsync<JsonElement>("/api/incident/audit")).GetProperty("entries").EnumerateArray()
            .Count(e => e.GetProperty("kind").GetString() == "audit-trail-exported");
        after.ShouldBe(before + 1, "only the checking export itself is new");
    }

    [Fact]
    public async Task the_dsl_sees_every_drill_down_grant_into_their_school_from_reporting()
    {
        var reason = "Audit test " + Guid.NewGuid().ToString("N")[..8];
        await platform.PostAsync("trust.lead", "/api/reporting/grants", new { schoolUrn = PlatformFixture.Blakehill, reason, hours = 1 });
        using var dsl = await platform.GatewayClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/api/reporting/grants")).ShouldContain(reason);
        using var other = await platform.GatewayClientFor("dsl.caldecote");
        (await other.GetStringAsync("/api/reporting/grants")).ShouldNotContain(reason);
    }
}
