using System.Net.Http.Headers;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 15 in the browser, the parts <see cref="WorkingCaseFiles"/> leaves: the agencies directory kept by the school's
/// DSL (4), advice sought from it satisfying the route's advice-line step (1, 4), a screenshot of cyberbullying kept only
/// after the no-nudity confirmation and opened by the DSL (8), and a pupil's vulnerability context (5). Oakmere, so no
/// other test's counts move.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TakingAdviceAndKeepingScreenshots(DashboardFixture fixture)
{
    private const string AdviceLine = "Local authority education safeguarding service (advice line)";

    /// <summary>A 1×1 PNG: a real image the service sniffs as image/png.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task dsl_sets_the_advice_lines_number_records_advice_that_completes_the_route_step_keeps_a_screenshot_and_records_a_pupils_context()
    {
        using var api = await fixture.ApiFor("dsl.oakmere");
        var id = await ReportAndTriageAsync(api);
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var page = browser.Page;

        // 4. The school's own number for the advice line, over the trust's default.
        await browser.GoAsync("#/agencies");
        var line = page.GetByRole(AriaRole.Region, new() { Name = AdviceLine, Exact = true });
        await line.Locator("summary", new() { HasText = "Edit your school's contact" }).ClickAsync();
        var edit = line.GetByRole(AriaRole.Form, new() { Name = $"Edit {AdviceLine}" });
        await edit.GetByLabel("Phone").FillAsync("0121 555 0190");
        await edit.GetByLabel("Notes").FillAsync("Ask for the duty education safeguarding officer.");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("saved");
        line = page.GetByRole(AriaRole.Region, new() { Name = AdviceLine, Exact = true });
        await Expect(line).ToContainTextAsync("0121 555 0190");
        await Expect(line).ToContainTextAsync("your school's");
        await browser.ScreenshotAsync("dsl-agencies-directory");

        // 1 + 4. Severity 4 suggests consulting the advice line; advice sought from the directory's agency completes it.
        await browser.GoAsync($"#/incidents/{id}");
        var step = page.GetByRole(AriaRole.Row, new() { Name = "Consult the safeguarding advice line" });
        await Expect(step).ToContainTextAsync("To do");
        var action = page.GetByRole(AriaRole.Form, new() { Name = "Record an action" });
        if (!await action.IsVisibleAsync()) await Open(page, "Record an action");
        await action.GetByLabel("What was done").SelectOptionAsync("advice-sought");
        await action.GetByRole(AriaRole.Button, new() { Name = "Record the action" }).ClickAsync();
        // The form's words (14.6), not the service's field names.
        await Expect(action.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter what was advised");
        await Expect(action.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("advice is required");
        await action.GetByLabel("Advice from").FillAsync("Duty officer, education safeguarding advice line");
        await action.GetByLabel("Agency in the directory").SelectOptionAsync("education-safeguarding");
        await action.GetByLabel("What was advised").FillAsync("Manage in school with the anti-bullying policy; no referral needed; review in two weeks.");
        await action.GetByRole(AriaRole.Button, new() { Name = "Record the action" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Action recorded.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Consult the safeguarding advice line" })).ToContainTextAsync("Done");
        await Expect(page.Locator("ol.timeline")).ToContainTextAsync("Advice sought from Duty officer, education safeguarding advice line");

        // 8. Cyberbullying: a screenshot may be kept, only once the uploader confirms it shows no nudity.
        await Open(page, "Keep a screenshot as evidence");
        var keep = page.GetByRole(AriaRole.Form, new() { Name = "Keep a screenshot" });
        await keep.Locator("#ef-file").SetInputFilesAsync(new FilePayload { Name = "group-chat.png", MimeType = "image/png", Buffer = Png });
        await keep.GetByLabel("What it shows").FillAsync("Year 8 group chat messages calling the pupil names, 2 December");
        await keep.GetByRole(AriaRole.Button, new() { Name = "Keep the screenshot" }).ClickAsync();
        await Expect(keep.GetByRole(AriaRole.Alert)).ToContainTextAsync("no nudity");
        await keep.GetByLabel("I confirm this screenshot shows no nudity or sexual content.").CheckAsync();
        await keep.GetByRole(AriaRole.Button, new() { Name = "Keep the screenshot" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Screenshot kept, sealed with the incident.");
        var shots = page.GetByRole(AriaRole.Table, new() { Name = "Screenshots" });
        await Expect(shots).ToContainTextAsync("Year 8 group chat messages");
        await shots.GetByRole(AriaRole.Button, new() { Name = "Open (DSL)" }).ClickAsync();
        await Expect(page.Locator(".evidence-viewer img")).ToHaveAttributeAsync("alt", "Year 8 group chat messages calling the pupil names, 2 December");

        // 5. The pupil's vulnerability context, DSL only, sealed.
        await Open(page, "Record P-OAK-301's context");
        var context = page.GetByRole(AriaRole.Form, new() { Name = "Context of P-OAK-301" });
        await context.GetByLabel("Young carer").CheckAsync();
        await context.GetByRole(AriaRole.Button, new() { Name = "Save the context" }).ClickAsync();
        await Expect(page.Locator(".pupil-context")).ToContainTextAsync("Context saved.");
        await Expect(page.Locator(".pupil-context")).ToContainTextAsync("Young carer");
        await browser.ScreenshotAsync("dsl-advice-screenshot-and-context");
        browser.ShouldHaveNoScriptErrors();

        // The view of the screenshot is in the incident's access log (DSL only).
        var log = await api.GetFromJsonAsync<JsonElement>($"api/incident/incidents/{id}/access-log");
        log.ToString().ShouldContain("evidence-file-viewed");
    }

    private static async Task Open(IPage page, string disclosure) =>
        await page.Locator("summary", new() { HasText = disclosure }).ClickAsync();

    private static async Task<Guid> ReportAndTriageAsync(HttpClient api)
    {
        var response = await api.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-2), whatHappened = "Pupil is called names every evening in a class group chat.",
            where = new { site = "off-site", device = "personal-device" }, howItCameToLight = "Parent emailed the form tutor",
            people = new[] { new { role = "child-victim", pupilId = "P-OAK-301" } }, suggestedCategory = "cyberbullying",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var current = await api.GetAsync($"api/incident/incidents/{id}");
        using var triage = new HttpRequestMessage(HttpMethod.Post, $"api/incident/incidents/{id}/triage")
        {
            Content = JsonContent.Create(new { illegal = false, category = "cyberbullying", fourC = "conduct", severity = 4, handlerId = "dsl.oakmere",
                handlerName = "Oakmere DSL", rationale = "Sustained name-calling; pupil is withdrawn" }),
        };
        triage.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.Headers.ETag!.Tag));
        (await api.SendAsync(triage)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return id;
    }
}
