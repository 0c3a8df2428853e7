using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.Hosting;

/// <summary>Issue 17 at the service: paging bounds (point 4), metrics apart from the API (3), headers and BOM (8).</summary>
public sealed class HostingTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    [Theory]
    [InlineData("page=2147483647", "page")]
    [InlineData("page=10001", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=-5", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=2147483647&pageSize=2147483647", "page", "pageSize")]
    public async Task paging_out_of_bounds_is_a_400_naming_each_bad_field(string query, params string[] fields)
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.Http.GetAsync("/incidents?" + query);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(fields, ignoreOrder: true);
    }

    [Fact]
    public async Task the_last_allowed_page_of_the_largest_size_is_an_empty_page_not_an_error()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var page = await dsl.GetJsonAsync("/incidents?page=10000&pageSize=200");

        page.GetProperty("page").GetInt32().ShouldBe(10000);
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task api_answers_and_problems_are_never_cached()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        using var ok = await dsl.Http.GetAsync("/incidents");
        using var problem = await dsl.Http.GetAsync("/incidents?page=0");
        using var anonymous = await fixture.Host.CreateClient().GetAsync("/incidents");

        foreach (var response in new[] { ok, problem, anonymous })
        {
            response.Headers.CacheControl.ShouldNotBeNull($"{response.StatusCode} has no Cache-Control").NoStore.ShouldBeTrue();
            response.Headers.Contains("Server").ShouldBeFalse();
        }
    }

    [Fact]
    public async Task a_json_body_starting_with_a_utf8_byte_order_mark_is_accepted()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var json = JsonSerializer.Serialize(IncidentClient.Report(pupilId: "P-BOM-1"), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var content = new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };

        using var response = await dsl.Http.PostAsync("/incidents", content);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task metrics_are_served_only_on_the_internal_listener_and_name_no_school()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        await dsl.ReportAsync(IncidentClient.Report(pupilId: "P-METRICS-1"));

        using (var publicMetrics = await dsl.Http.GetAsync("/metrics"))
            publicMetrics.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the API port serves no metrics, signed in or not");
        using (var anonymousMetrics = await fixture.Host.CreateClient().GetAsync("/metrics"))
            ((int)anonymousMetrics.StatusCode).ShouldBeOneOf(401, 404);

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.MetricsPort}/"), Timeout = TimeSpan.FromSeconds(10) };
        var scrape = await Eventually.Returns(() => scraper.GetStringAsync("metrics"),
            text => text.Contains("marten_", StringComparison.Ordinal), what: "Marten's event counters in the scrape");

        scrape.ShouldContain("event_type=\"concern_reported.v1\"", customMessage: "counts by event type are kept");
        scrape.ShouldNotContain("141001");
        scrape.ShouldNotContain("tenant", Case.Insensitive);
        scrape.ShouldNotContain("database_uri");
        using var api = await scraper.GetAsync("incidents");
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the metrics listener serves nothing of the API");
    }
}
