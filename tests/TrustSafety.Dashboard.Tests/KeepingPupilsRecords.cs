using System.Text;
using TrustSafety.Consent.Pupils;
using TrustSafety.Consent.ImportingRoster;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 16 in the browser: the DSL's Records page (audit trail, retention review, the subject-access document, erasure)
/// and an incident's retention and legal hold. Oakmere and Wodensfield only, so the counts other tests check stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class KeepingPupilsRecords(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_reads_the_audit_trail_runs_the_retention_review_and_prints_a_pupils_subject_access_document()
    {
        var (pupilId, name) = await RosterPupilAsync("dsl.oakmere", "Imogen");
        using var api = await fixture.ApiFor("dsl.oakmere");
        await ReportAsync(api, "Imogen was sent unkind messages in a gaming chat after school.", pupilId);

        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var page = browser.Page;
        await browser.GoAsync("#/records");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Records and data protection", Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("/api/");

        // The audit trail, shown on the page: the look itself is recorded.
        var audit = page.GetByRole(AriaRole.Form, new() { Name = "Audit trail" });
        await audit.GetByRole(AriaRole.Button, new() { Name = "Get the audit trail" }).ClickAsync();
        await Expect(page.Locator(".audit-result")).ToContainTextAsync("This look is itself recorded in the trail.");

        // The retention review answers with its counts.
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the retention review now" }).ClickAsync();
        await Expect(page.Locator("main .stat", new() { HasText = "Files reviewed" })).ToBeVisibleAsync();

        // A subject-access request without a pupil names the pupil field, in words.
        var sar = page.GetByRole(AriaRole.Form, new() { Name = "Subject-access request" });
        await sar.GetByRole(AriaRole.Button, new() { Name = "Prepare the export" }).ClickAsync();
        await Expect(sar.Locator("#sar-pupil-error")).ToContainTextAsync("Type two or more letters of their name");

        await ChoosePupilAsync(page, "#sar-pupil", "Imog", name);
        await sar.GetByRole(AriaRole.Button, new() { Name = "Prepare the export" }).ClickAsync();
        var document = page.Locator("article.subject-access-document");
        await Expect(document.GetByRole(AriaRole.Heading, new() { Name = $"Subject-access request: {name}" })).ToBeVisibleAsync();
        await Expect(document).ToContainTextAsync("Incident records (1)");
        await Expect(document).ToContainTextAsync("Imogen was sent unkind messages in a gaming chat after school.");
        await Expect(document).ToContainTextAsync("Pupil harmed or affected");
        await Expect(document).ToContainTextAsync("Class");
        await Expect(document).ToContainTextAsync("The device register holds no device of this pupil's.");
        (await document.InnerTextAsync()).ShouldNotContain("child-victim", Case.Sensitive, "roles are shown in words, not codes");

        // Printing shows the document alone (the print stylesheet hides the menu, the header and the forms).
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("#nav")).Not.ToBeVisibleAsync();
        await Expect(sar).Not.ToBeVisibleAsync();
        await Expect(document).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dsl-subject-access-document-printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The JSON stays available for other systems.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Button, new() { Name = "Download the export (JSON)" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"subject-access-{pupilId}.json");
        await browser.ScreenshotAsync("dsl-records-subject-access");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task dsl_places_a_legal_hold_sees_the_erasure_refused_naming_the_incident_then_releases_it_and_erases_the_pupil()
    {
        var (pupilId, name) = await RosterPupilAsync("dsl.wodensfield", "Tobias");
        using var api = await fixture.ApiFor("dsl.wodensfield");
        var incident = await ReportAsync(api, "Tobias was pressured to share his password by an older pupil.", pupilId);

        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.wodensfield");
        var page = browser.Page;

        // On the incident: retention and legal hold.
        await browser.GoAsync($"#/incidents/{incident}");
        var retention = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Retention and legal hold" }) });
        await Expect(retention).ToContainTextAsync("Kind of record");
        await Expect(retention).ToContainTextAsync("kept while open");
        await retention.GetByText("Place a legal hold", new() { Exact = true }).ClickAsync();
        var hold = page.GetByRole(AriaRole.Form, new() { Name = "Place a legal hold" });
        await hold.GetByRole(AriaRole.Button, new() { Name = "Place the hold" }).ClickAsync();
        await Expect(hold.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(hold.Locator(".field-error")).ToContainTextAsync("Enter reason");
        await hold.GetByLabel("Reason").FillAsync("The family's solicitor asked on 3 March for the records to be kept.");
        await hold.GetByRole(AriaRole.Button, new() { Name = "Place the hold" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Place a legal hold: done.");
        await Expect(retention).ToContainTextAsync("yes: The family's solicitor asked on 3 March");
        await browser.ScreenshotAsync("dsl-incident-legal-hold");

        // Erasure: what it would reach, then the refusal naming the held incident in words.
        await browser.GoAsync("#/records");
        var erase = page.GetByRole(AriaRole.Form, new() { Name = "Erase a pupil's details" });
        await erase.GetByRole(AriaRole.Button, new() { Name = "Erase their details" }).ClickAsync();
        await Expect(erase.Locator("#erase-pupil-error")).ToContainTextAsync("Type two or more letters of their name");
        await Expect(erase.Locator("#erase-reason-error")).ToContainTextAsync("Enter reason");
        (await erase.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldNotContain("personId");

        await ChoosePupilAsync(page, "#erase-pupil", "Tobi", name);
        await erase.GetByRole(AriaRole.Button, new() { Name = "Show what would be erased" }).ClickAsync();
        var preview = page.Locator("table.erasure-incidents");
        await Expect(preview).ToContainTextAsync("Tobias was pressured");
        await Expect(preview).ToContainTextAsync("Kept: it is under a legal hold");
        await erase.GetByLabel("Reason").FillAsync("Parent's written request of 1 April; no reason to keep.");
        await erase.GetByRole(AriaRole.Button, new() { Name = "Erase their details" }).ClickAsync();
        var refusal = page.Locator(".refusal");
        await Expect(refusal).ToContainTextAsync($"Nothing of {name}'s was erased");
        await Expect(refusal).ToContainTextAsync("“Tobias was pressured to share his password by an older pupil.”");
        await Expect(refusal).ToContainTextAsync("is under a legal hold: nothing on it can be erased until the hold is released");
        (await refusal.InnerTextAsync()).ShouldNotContain(incident.ToString(), Case.Insensitive, "the incident is named by what happened, not its id");
        await browser.ScreenshotAsync("dsl-erasure-refused-legal-hold");

        // Released on the incident's page, the erasure goes through.
        await page.GetByRole(AriaRole.Link, new() { Name = "“Tobias was pressured" }).ClickAsync();
        await Expect(retention).ToContainTextAsync("Kind of record");
        await retention.GetByText("Release the legal hold", new() { Exact = true }).ClickAsync();
        var release = page.GetByRole(AriaRole.Form, new() { Name = "Release the legal hold" });
        await release.GetByLabel("Reason").FillAsync("The solicitor confirmed the matter is settled.");
        await release.GetByRole(AriaRole.Button, new() { Name = "Release the hold" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Release the legal hold: done.");
        await Expect(retention.GetByText("Place a legal hold", new() { Exact = true })).ToBeVisibleAsync();

        await browser.GoAsync("#/records");
        await ChoosePupilAsync(page, "#erase-pupil", "Tobi", name);
        await erase.GetByLabel("Reason").FillAsync("Parent's written request of 1 April; no reason to keep.");
        await erase.GetByRole(AriaRole.Button, new() { Name = "Erase their details" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name}'s details were erased on" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dsl-erasure-done");

        using var read = await api.GetAsync($"api/incident/incidents/{incident}");
        (await read.Content.ReadAsStringAsync()).ShouldContain("[erased]");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task dsl_sees_a_child_protection_file_keep_the_erasure_back_and_schedules_it_for_the_day_retention_ends()
    {
        var (pupilId, name) = await RosterPupilAsync("dsl.oakmere", "Imogen");
        using var api = await fixture.ApiFor("dsl.oakmere");
        var incident = await ReportAsync(api, "Imogen was sent threatening voice notes by an adult she met online.", pupilId);
        using (var triage = new HttpRequestMessage(HttpMethod.Post, $"api/incident/incidents/{incident}/triage")
        {
            Content = JsonContent.Create(new
            {
                illegal = false, category = "cyberbullying", fourC = "contact", severity = 4, handlerId = "dsl.oakmere",
                handlerName = "Oakmere DSL", rationale = "Threats from an adult: a child-protection concern",
            }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        })
        using (var triaged = await api.SendAsync(triage))
            triaged.StatusCode.ShouldBe(HttpStatusCode.OK, await triaged.Content.ReadAsStringAsync());

        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var page = browser.Page;
        await browser.GoAsync("#/records");
        var erase = page.GetByRole(AriaRole.Form, new() { Name = "Erase a pupil's details" });
        await ChoosePupilAsync(page, "#erase-pupil", "Imogen", name);
        await erase.GetByRole(AriaRole.Button, new() { Name = "Show what would be erased" }).ClickAsync();
        // The service's own verdict: kept as a child-protection file, and the erasure can be scheduled for its end.
        await Expect(page.Locator("table.erasure-incidents")).ToContainTextAsync("Kept: a child-protection file, until");
        await Expect(page.Locator(".erasure-preview")).ToContainTextAsync("You can instead schedule it for");

        await erase.GetByLabel("Reason").FillAsync("Parent's written request of 2 May.");
        await erase.GetByRole(AriaRole.Button, new() { Name = "Erase their details" }).ClickAsync();
        var refusal = page.Locator(".refusal");
        await Expect(refusal).ToContainTextAsync("which the law requires the school to keep until");
        await refusal.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Erase when retention ends, on ") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name}'s erasure is scheduled for" })).ToBeVisibleAsync();
        var scheduled = page.Locator("table.scheduled-erasures");
        await Expect(scheduled).ToContainTextAsync(name);
        await Expect(scheduled).ToContainTextAsync("Waiting for its date");
        await browser.ScreenshotAsync("dsl-erasure-scheduled");

        using var read = await api.GetAsync($"api/incident/incidents/{incident}");
        (await read.Content.ReadAsStringAsync()).ShouldNotContain("[erased]", Case.Sensitive, "nothing is erased before the date");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task a_pupil_chosen_before_the_last_keystrokes_search_runs_stays_chosen()
    {
        // Found by this class's erasure tests: typing on and pressing Enter before the 200 ms search pause ended let the
        // pending search clear the choice, so "Erase" then said "Choose the pupil". The page's timers run on a fake clock.
        var (pupilId, name) = await RosterPupilAsync("dsl.oakmere", "Ottilie");
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var (page, picker) = await TypeAllButTheLastLetterOnAFakeClockAsync(browser, name);
        await picker.PressSequentiallyAsync(name[^1..]);
        await picker.PressAsync("ArrowDown");
        await picker.PressAsync("Enter");
        await Expect(picker).ToHaveAttributeAsync("data-pupil-id", pupilId);

        await page.Clock.RunForAsync(1_000);
        await Expect(picker).ToHaveAttributeAsync("data-pupil-id", pupilId);
        await Expect(page.Locator("#erase-pupil-options")).ToBeHiddenAsync();
        await Expect(page.Locator("#erase-pupil-options + .pupil-status")).ToContainTextAsync($"Chosen: {name}");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task a_pupil_highlighted_with_the_arrow_key_stays_highlighted_when_a_late_search_answer_arrives()
    {
        // Found by a fresh-clone run: the answer to the last keystrokes' search arrived between ArrowDown and Enter,
        // reset the highlight, and Enter then chose nobody. The answer is held back here until after ArrowDown.
        var (pupilId, name) = await RosterPupilAsync("dsl.oakmere", "Wilhelmina");
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var (page, picker) = await TypeAllButTheLastLetterOnAFakeClockAsync(browser, name);
        var status = page.Locator("#erase-pupil-options + .pupil-status");

        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/consent/pupils?search=*", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        await picker.PressSequentiallyAsync(name[^1..]);
        await page.Clock.RunForAsync(300);
        await Expect(status).ToContainTextAsync("Searching the school roster");
        await picker.PressAsync("ArrowDown");
        release.SetResult();
        await Expect(status).ToContainTextAsync("1 pupil found");
        await picker.PressAsync("Enter");

        await Expect(picker).ToHaveAttributeAsync("data-pupil-id", pupilId);
        await Expect(status).ToContainTextAsync($"Chosen: {name}");
        await page.UnrouteAllAsync();
        browser.ShouldHaveNoScriptErrors();
    }

    /// <summary>
    /// The Records page's erasure picker with the page's timers on a fake clock: all but the last letter of the pupil's name
    /// typed, the search pause run out, and the pupil listed.
    /// </summary>
    private static async Task<(IPage Page, ILocator Picker)> TypeAllButTheLastLetterOnAFakeClockAsync(BrowserSession browser, string name)
    {
        var page = browser.Page;
        await browser.GoAsync("#/records");
        var picker = page.Locator("#erase-pupil");
        await Expect(picker).ToBeVisibleAsync();
        await page.Clock.InstallAsync();
        await picker.PressSequentiallyAsync(name[..^1]);
        await page.Clock.RunForAsync(300);
        await Expect(page.Locator("#erase-pupil-options").GetByRole(AriaRole.Option, new() { Name = name })).ToBeVisibleAsync();
        return (page, picker);
    }

    private static async Task ChoosePupilAsync(IPage page, string picker, string typed, string name)
    {
        await page.Locator(picker).FillAsync("");
        await page.Locator(picker).PressSequentiallyAsync(typed);
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = name })).ToBeVisibleAsync();
        // The school's roster may hold other pupils with the same forename (the demo roster does): type on to this one.
        await page.Locator(picker).PressSequentiallyAsync(name[typed.Length..]);
        await Expect(page.Locator(picker + "-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await page.Locator(picker).PressAsync("ArrowDown");
        await page.Locator(picker).PressAsync("Enter");
        await Expect(page.Locator(picker)).ToHaveValueAsync(name);
    }

    /// <summary>A pupil with a unique name on the school's roster (an Arbor export): their internal id and name as shown.</summary>
    private async Task<(string PupilId, string Name)> RosterPupilAsync(string dsl, string forename)
    {
        using var api = await fixture.ApiFor(dsl);
        var surname = "Q" + string.Concat(Guid.NewGuid().ToByteArray().Take(6).Select(b => (char)('a' + b % 26)));
        var digits = string.Concat(Guid.NewGuid().ToByteArray().Take(12).Select(b => (char)('0' + b % 10)));
        var tail = digits[..11] + "0";
        var upn = MisExport.CheckLetter("A" + tail) + tail;
        var csv = $"""
            Arbor Student ID,UPN,Legal First Name,Legal Last Name,Preferred First Name,Preferred Last Name,Date of Birth,Year Group,Registration Form,Enrolment Start Date,Enrolment End Date,School Email
            {Random.Shared.Next(100_000, 999_999)},{upn},{forename},{surname},,,14 Mar 2015,Year 6,Oak,1 Sep 2019,,
            """;
        using var imported = await api.PostAsync("api/consent/roster/imports?missing=keep", new StringContent(csv, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var found = await api.GetFromJsonAsync<JsonElement>($"api/consent/pupils?search={Uri.EscapeDataString(surname)}");
        var pupil = found.GetProperty("pupils")[0];
        return (pupil.GetProperty("pupilId").GetString()!, pupil.GetProperty("name").GetString()!);
    }

    private static async Task<Guid> ReportAsync(HttpClient api, string whatHappened, string pupilId)
    {
        using var response = await api.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-2), whatHappened,
            where = new { site = "off-site", device = "personal-device" }, howItCameToLight = "The pupil told their teacher",
            people = new[] { new { role = "child-victim", pupilId } }, suggestedCategory = "cyberbullying",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
