using System.Net.Http.Headers;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 15 in the browser: immediate danger, the UKCIS risk assessment, containment and linked cases between two schools.
/// These tests use Stow Heath and Westfield, so the Blakehill and Caldecote counts other tests check stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class WorkingCaseFiles(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_flags_immediate_danger_sees_the_999_prompt_records_a_ukcis_risk_assessment_and_containment()
    {
        using var api = await fixture.ApiFor("dsl.stowheath");
        var id = await ReportAsync(api, "A pupil shared an image and is being pressured for more.", "P-STW-151", "nudes-semi-nudes");
        await TriageAsync(api, id, "nudes-semi-nudes");
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.stowheath");
        var page = browser.Page;
        await browser.GoAsync($"#/incidents/{id}");

        await Open(page, "Flag that a child is in immediate danger");
        var danger = page.GetByRole(AriaRole.Form, new() { Name = "Flag immediate danger" });
        await danger.GetByRole(AriaRole.Button, new() { Name = "Flag immediate danger" }).ClickAsync();
        // The form speaks its own words (issue 14.6), never the field path emergencyServicesCalled.
        await Expect(danger.GetByRole(AriaRole.Alert)).ToContainTextAsync("999 / the police been called");
        await Expect(danger.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("emergencyServicesCalled");
        await danger.GetByRole(AriaRole.Radio, new() { Name = "No" }).CheckAsync();
        await danger.GetByLabel("Why the child is in immediate danger").FillAsync("Pupil says the sender will come to the school gate tonight.");
        await danger.GetByRole(AriaRole.Button, new() { Name = "Flag immediate danger" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Immediate danger flagged");
        await Expect(page.Locator(".panel.danger")).ToContainTextAsync("call 999 now");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Refer to the police" })).ToContainTextAsync("required");

        await Open(page, "Record the risk assessment");
        var assessment = page.GetByRole(AriaRole.Form, new() { Name = "UKCIS risk assessment" });
        await assessment.GetByLabel("Ages of the children involved").FillAsync("13 and 15");
        foreach (var question in new[] { "Is an adult involved?", "Is there coercion, blackmail or grooming?",
                     "Does it show acts unusual for the child's development, or violence?", "Is any child in the imagery under 13?",
                     "Are any of the children vulnerable?", "Has it been shared beyond its intended recipient?" })
            await assessment.GetByRole(AriaRole.Group, new() { Name = question }).GetByRole(AriaRole.Radio, new() { Name = "No" }).CheckAsync();
        await assessment.GetByRole(AriaRole.Group, new() { Name = "Is any child at immediate risk of harm?" })
            .GetByRole(AriaRole.Radio, new() { Name = "Yes" }).CheckAsync();
        await assessment.GetByLabel("Other agencies checked").FillAsync("MASH: not known.");
        await assessment.GetByLabel("Decision").SelectOptionAsync("manage-in-school");
        await assessment.GetByLabel("Rationale").FillAsync("Trying to manage in school.");
        await assessment.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync();
        await Expect(assessment.GetByRole(AriaRole.Alert)).ToContainTextAsync("manage-in-school is not open");
        await assessment.GetByLabel("Decision").SelectOptionAsync("refer-police-and-social-care");
        await assessment.GetByLabel("Rationale").FillAsync("Immediate risk: refer to police and MASH now.");
        await assessment.GetByRole(AriaRole.Button, new() { Name = "Record the assessment" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Risk assessment recorded.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Risk assessments" })).ToContainTextAsync("Refer to the police and children's social care");

        await Open(page, "Record a containment action");
        var containment = page.GetByRole(AriaRole.Form, new() { Name = "Record containment" });
        await containment.GetByLabel("What was done").SelectOptionAsync("copies-deleted");
        await containment.GetByLabel("Which content, account or copies").FillAsync("Copies on two phones");
        await containment.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        await Expect(containment.GetByRole(AriaRole.Alert)).ToContainTextAsync("Copies may not be deleted yet");
        await containment.GetByLabel("What was done").SelectOptionAsync("reported-to-platform");
        await containment.GetByLabel("Platform").FillAsync("Snapchat");
        await containment.GetByLabel("Which content, account or copies").FillAsync("The sender's account");
        await containment.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Containment recorded.");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Containment" })).ToContainTextAsync("Snapchat");
        await Expect(page.GetByText("No screenshot or image is kept for this incident.")).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dsl-immediate-danger-risk-assessment-containment");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task two_schools_dsls_link_a_case_in_the_browser_each_sees_the_shared_summaries_and_every_read()
    {
        using var api = await fixture.ApiFor("dsl.stowheath");
        var id = await ReportAsync(api, "Threats exchanged in an online game between pupils of two schools.", "P-STW-152", "cyberbullying");
        await using var asker = await BrowserSession.SignInAsync(fixture, "dsl.stowheath");
        var page = asker.Page;
        await asker.GoAsync($"#/incidents/{id}");
        await Open(page, "Ask another school of the trust to work this case with you");
        var ask = page.GetByRole(AriaRole.Form, new() { Name = "Ask another school to link this case" });
        await ask.GetByLabel("School").SelectOptionAsync(new SelectOptionValue { Label = "Westfield School" });
        await ask.GetByLabel("What you share").FillAsync("Our pupil was threatened in an online game by a Westfield pupil.");
        await ask.GetByLabel("Why they need it").FillAsync("Agree support and sanctions together.");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Link requested");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Linked cases" })).ToContainTextAsync("Westfield School");

        await using var asked = await BrowserSession.SignInAsync(fixture, "dsl.westfield");
        await asked.GoAsync("#/case-links");
        await asked.Page.GetByRole(AriaRole.Link, new() { Name = "Stow Heath Primary" }).First.ClickAsync();
        await Expect(asked.Page.Locator("main")).ToContainTextAsync("Our pupil was threatened in an online game");
        var accept = asked.Page.GetByRole(AriaRole.Form, new() { Name = "Accept the link" });
        await accept.GetByLabel("What you share back").FillAsync("Our pupil has a mentor; parents told.");
        await accept.GetByLabel("Why you accept").FillAsync("Both pupils need a joined-up plan.");
        await accept.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(asked.Page.Locator(".flash")).ToHaveTextAsync("Link accepted.");
        await asked.ScreenshotAsync("dsl-accepts-a-linked-case");

        await page.GetByRole(AriaRole.Link, new() { Name = "Westfield School" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Our pupil has a mentor; parents told.");
        var audit = page.GetByRole(AriaRole.Table, new() { Name = "Shares and reads" });
        await Expect(audit).ToContainTextAsync("Westfield School");
        await Expect(audit).ToContainTextAsync("Stow Heath Primary");
        asker.ShouldHaveNoScriptErrors();
        asked.ShouldHaveNoScriptErrors();
    }

    private static async Task Open(IPage page, string disclosure) =>
        await page.Locator("summary", new() { HasText = disclosure }).ClickAsync();

    private static async Task<Guid> ReportAsync(HttpClient api, string whatHappened, string pupilId, string category)
    {
        var response = await api.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-1), whatHappened,
            where = new { site = "off-site", device = "personal-device" }, howItCameToLight = "A pupil told a teacher",
            people = new[] { new { role = "child-victim", pupilId } }, suggestedCategory = category,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task TriageAsync(HttpClient api, Guid id, string category)
    {
        var current = await api.GetAsync($"api/incident/incidents/{id}");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/incident/incidents/{id}/triage")
        {
            Content = JsonContent.Create(new { illegal = false, category, fourC = "conduct", severity = 4, handlerId = "dsl.stowheath",
                handlerName = "Stow Heath DSL", rationale = "Youth-produced imagery with pressure for more" }),
        };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.Headers.ETag!.Tag));
        (await api.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
