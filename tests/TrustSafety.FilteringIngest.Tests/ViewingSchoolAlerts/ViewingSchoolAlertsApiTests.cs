using TrustSafety.FilteringIngest.ViewingSchoolAlerts;
using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ViewingSchoolAlerts;

public sealed class ViewingSchoolAlertsApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    /// <summary>Alerts in a window of their own (a day in January), so each test reads only what it sent.</summary>
    private static string Alerts(DateTimeOffset day, params (string Id, string Category, int Severity, string VendorSeverity)[] events) =>
        JsonSerializer.Serialize(events.Select((e, i) => new
        {
            occurredAt = day.AddMinutes(i),
            sourceEventId = e.Id,
            subject = new { user = "pupil-" + e.Id },
            activity = new { action = "Blocked", url = $"https://{e.Id}.example/page", searchTerm = "search " + e.Id },
            classification = new { categoryLabel = e.Category, severity = e.Severity, vendorSeverity = e.VendorSeverity },
        }));

    private async Task<DateTimeOffset> SendAsync(string admin, object source, params (string, string, int, string)[] events)
    {
        var created = await f.RegisterAsync(admin, source);
        var day = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 300)).AddHours(Random.Shared.Next(0, 8));
        (await f.SendSigned(created.Source.Id, created.Secret, Alerts(day, events))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return day;
    }

    private static string Window(DateTimeOffset day) => $"from={day.AddMinutes(-1):O}&to={day.AddMinutes(30):O}".Replace("+", "%2B");

    [Fact]
    public async Task a_dsl_pages_and_filters_their_schools_alerts_in_the_database_with_vendor_severity_beside_ours()
    {
        var tag = Unique();
        var day = await SendAsync("it.blakehill", new { name = "alerts " + tag, format = "canonical-json" },
            ($"{tag}-a", "self-harm", 4, "HIGH"), ($"{tag}-b", "illegal-iwf", 2, "low"), ($"{tag}-c", "pornography", 4, "High"),
            ($"{tag}-d", "self-harm", 5, "CRITICAL"), ($"{tag}-quiet", "gambling", 2, "low"));
        using var dsl = await f.ClientFor("dsl.blakehill");

        var all = (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}"))!;
        all.Total.ShouldBe(4);
        // Highest risk first: our severity; at the same severity illegal content (IWF), then self-harm, then the newest.
        all.Alerts.Select(a => a.Url).ShouldBe([$"https://{tag}-b.example/page", $"https://{tag}-d.example/page", $"https://{tag}-a.example/page", $"https://{tag}-c.example/page"]);
        (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}&sort=newest"))!.Alerts.Select(a => a.Url)
            .ShouldBe([$"https://{tag}-d.example/page", $"https://{tag}-c.example/page", $"https://{tag}-b.example/page", $"https://{tag}-a.example/page"]);
        var iwf = all.Alerts.Single(a => a.Category == "illegal-iwf");
        (iwf.Severity, iwf.VendorSeverity).ShouldBe((5, "low"));
        iwf.SearchTerm.ShouldBe($"search {tag}-b");

        var selfHarm = (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}&category=self-harm&minSeverity=5"))!;
        selfHarm.Alerts.ShouldHaveSingleItem().Url.ShouldBe($"https://{tag}-d.example/page");

        var second = (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}&pageSize=3&page=2"))!;
        (second.Total, second.Page, second.PageSize).ShouldBe((4, 2, 3));
        second.Alerts.ShouldHaveSingleItem().Url.ShouldBe($"https://{tag}-c.example/page");

        (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}&vendor=smoothwall"))!.Total.ShouldBe(0);
        (await dsl.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}&vendor=canonical"))!.Total.ShouldBe(4);
    }

    [Fact]
    public async Task a_headteacher_sees_that_alerts_happened_but_not_what_was_visited_or_searched()
    {
        var tag = Unique();
        var day = await SendAsync("it.blakehill", new { name = "alerts " + tag, format = "canonical-json" }, ($"{tag}-a", "self-harm", 4, "HIGH"));
        using var head = await f.ClientFor("head.blakehill");

        var alert = (await head.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}"))!.Alerts.ShouldHaveSingleItem();

        (alert.Url, alert.Host, alert.SearchTerm).ShouldBe((null, null, null));
        alert.Category.ShouldBe("self-harm");
        using var deputy = await f.ClientFor("deputy.blakehill");
        (await deputy.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}"))!.Alerts.ShouldHaveSingleItem().Url.ShouldNotBeNull();
    }

    [Fact]
    public async Task another_schools_alerts_never_appear_and_trust_level_callers_cannot_read_any()
    {
        var tag = Unique();
        var day = await SendAsync("it.admin", new { name = "caldecote " + tag, format = "canonical-json", schoolUrn = "141002" }, ($"{tag}-x", "illegal-ctiru", 5, "x"));
        using var caldecote = await f.ClientFor("dsl.caldecote");
        (await caldecote.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}"))!.Total.ShouldBe(1);

        using var blakehill = await f.ClientFor("dsl.blakehill");
        (await blakehill.GetFromJsonAsync<SchoolAlertPage>($"/alerts?{Window(day)}"))!.Total.ShouldBe(0);
        (await blakehill.GetStringAsync("/alerts?pageSize=100")).ShouldNotContain(tag);
        foreach (var user in new[] { "trust.lead", "it.admin", "it.blakehill", "staff.blakehill", "governor.blakehill" })
        {
            using var client = await f.ClientFor(user);
            (await client.GetAsync("/alerts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }
    }

    [Fact]
    public async Task bad_filters_are_a_400_naming_every_field_and_its_fix()
    {
        using var dsl = await f.ClientFor("dsl.blakehill");

        var response = await dsl.GetAsync("/alerts?minSeverity=9&category=knitting&from=soon&to=2026-01-01&page=0&pageSize=1000&sort=loudest");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "minSeverity", "category", "from", "page", "pageSize", "sort" })
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        (await dsl.GetAsync("/alerts?from=2026-02-01&to=2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
