using System.Text;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 19.5 and 19.1: the school's filter alerts, paged and filtered by filtering-ingest, with what was visited or
/// searched for shown to the DSL only; and an unknown vendor category mapped by the trust IT admin in one step.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReadingFilterAlerts(DashboardFixture fixture)
{
    private async Task UploadAsync(IEnumerable<object> events)
    {
        using var admin = await fixture.ApiFor("it.admin");
        using var body = new StringContent(JsonSerializer.Serialize(events), Encoding.UTF8, "application/json");
        var answer = await admin.PostAsync($"api/filtering-ingest/sources/{fixture.BlakehillSourceId}/uploads", body);
        answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task dsl_pages_and_filters_the_schools_alerts_on_the_server_and_sees_the_site_and_search_term_beside_both_severities()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var searchTerm = $"how to hurt myself {marker}";
        var at = DateTimeOffset.UtcNow.AddDays(-2);
        await UploadAsync(Enumerable.Range(0, 30).Select(i => (object)new
        {
            occurredAt = at.AddMinutes(-i - 10).ToString("O"), sourceEventId = $"gamble-{marker}-{i}",
            subject = new { user = $"kid{i}" }, activity = new { action = "Blocked", url = $"https://casino-{marker}.example/{i}" },
            classification = new { categoryLabel = "gambling", severity = 4, vendorSeverity = "HIGH" },
        }).Append(new
        {
            occurredAt = at.ToString("O"), sourceEventId = $"harm-{marker}", subject = new { user = "kid99" },
            activity = new { action = "Monitored", url = $"https://search.example/?q={marker}", searchTerm },
            classification = new { categoryLabel = "self-harm", severity = 5, vendorSeverity = "CRITICAL" },
        }));
        using (var dslApi = await fixture.ApiFor("dsl.blakehill"))
            await Eventually.True(async () =>
                (await dslApi.GetFromJsonAsync<JsonElement>("api/filtering-ingest/alerts?vendor=canonical")).GetProperty("total").GetInt32() >= 31,
                TimeSpan.FromSeconds(30), "the uploaded alerts are listed");

        await using (var dsl = await BrowserSession.SignInAsync(fixture, "dsl.blakehill"))
        {
            var page = dsl.Page;
            await dsl.GoAsync("#/alerts?vendor=canonical");
            var rows = page.Locator("table.alerts tbody tr");
            await Expect(rows).ToHaveCountAsync(25);
            // Highest risk first (issue 14.2): a severity-5 alert (this self-harm one, or one as serious) leads, not the gambling ones.
            await Expect(page.GetByRole(AriaRole.Table, new() { NameRegex = new System.Text.RegularExpressions.Regex("highest risk first$") })).ToBeVisibleAsync();
            await Expect(rows.First.Locator("td.num").First).ToHaveTextAsync("5");
            await Expect(page.Locator(".pager")).ToContainTextAsync("Page 1 of");
            await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
            await Expect(page.Locator(".pager")).ToContainTextAsync("Page 2 of");
            await Expect(rows).Not.ToHaveCountAsync(0);

            await page.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync("self-harm");
            await page.GetByLabel("Minimum severity").SelectOptionAsync("5");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("category=self-harm") && url.Contains("minSeverity=5"));
            var harm = rows.Filter(new() { HasText = searchTerm });
            await Expect(harm).ToHaveCountAsync(1);
            await Expect(harm).ToContainTextAsync("CRITICAL");
            await Expect(harm).ToContainTextAsync($"https://search.example/?q={marker}");
            await Expect(harm.Locator("td.num").First).ToHaveTextAsync("5");
            await Expect(page.Locator("table.alerts")).Not.ToContainTextAsync($"casino-{marker}");
            await dsl.ScreenshotAsync("dsl-filter-alerts");

            await page.GetByLabel("From", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
            await Expect(page.Locator("main .state.empty")).ToHaveTextAsync("No alerts match these filters.");
            dsl.ShouldHaveNoScriptErrors();
        }

        await using var head = await BrowserSession.SignInAsync(fixture, "head.blakehill");
        await head.GoAsync("#/alerts?vendor=canonical&category=self-harm");
        await Expect(head.Page.Locator("table.alerts tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(head.Page.Locator("table.alerts")).Not.ToContainTextAsync(searchTerm);
        await Expect(head.Page.Locator("table.alerts")).Not.ToContainTextAsync($"search.example");
        await Expect(head.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Search term" })).ToHaveCountAsync(0);
        await Expect(head.Page.Locator("main")).ToContainTextAsync("shown to the DSL and deputy DSL only");
        await head.ScreenshotAsync("head-filter-alerts");
        head.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task trust_it_admin_maps_an_unknown_vendor_category_in_one_step_and_it_leaves_the_list()
    {
        var label = "School own list " + Guid.NewGuid().ToString("N")[..6];
        await UploadAsync([new
        {
            occurredAt = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), sourceEventId = "unknown-" + label,
            activity = new { action = "Blocked", url = "https://betting.example/" }, classification = new { categoryLabel = label, severity = 2 },
        }]);
        using var api = await fixture.ApiFor("it.admin");
        await Eventually.True(async () =>
            (await api.GetFromJsonAsync<JsonElement>($"api/filtering-ingest/sources/{fixture.BlakehillSourceId}/health"))
                .GetProperty("unknownCategoryCounts").EnumerateArray().Any(u => u.GetProperty("label").GetString() == label),
            TimeSpan.FromSeconds(30), "the source's health counts the unknown category");

        await using var admin = await BrowserSession.SignInAsync(fixture, "it.admin");
        var page = admin.Page;
        await admin.GoAsync("#/sources");
        var row = page.Locator("table.unknown-categories tbody tr", new() { HasText = label });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("canonical");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Map {label}" }).ClickAsync();
        await Expect(row.GetByLabel($"Category for {label}")).ToHaveAttributeAsync("aria-invalid", "true");

        await row.GetByLabel($"Category for {label}").SelectOptionAsync("gambling");
        await row.GetByLabel($"4C for {label}").SelectOptionAsync("commerce");
        await admin.ScreenshotAsync("it-admin-unknown-category");
        await row.GetByRole(AriaRole.Button, new() { Name = $"Map {label}" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"{label} (canonical) now maps to Gambling");
        await Expect(page.Locator("table.unknown-categories tbody tr", new() { HasText = label })).ToHaveCountAsync(0);

        var crosswalk = await api.GetFromJsonAsync<JsonElement>("api/filtering-ingest/crosswalks");
        crosswalk.GetProperty("vendors").GetProperty("canonical").EnumerateArray()
            .ShouldContain(e => e.GetProperty("label").GetString() == label && e.GetProperty("uksic").GetString() == "gambling");
        admin.ShouldHaveNoScriptErrors();
    }
}
