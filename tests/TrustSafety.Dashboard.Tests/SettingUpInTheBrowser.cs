using System.Text;
using TrustSafety.FilteringIngest.ReceivingWebhooks;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// What a newcomer does in the browser alone (README, "The dashboard"): connect a vendor and see its first event,
/// register and assign a device, record a parent's consent and ask "may I publish?". Each test uses names of its own,
/// so the seeded figures <see cref="WhatEachRoleSees"/> checks stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SettingUpInTheBrowser(DashboardFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions Arrival = new() { Timeout = 60_000 };

    [Fact]
    public async Task school_it_admin_registers_a_vendor_source_sees_its_secret_once_and_its_first_event_then_rotates_the_secret()
    {
        var name = "Blakehill Smoothwall " + Guid.NewGuid().ToString("N")[..6];
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/sources");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("POST /api");

        await page.GetByText("Register a vendor source", new() { Exact = true }).ClickAsync();
        var register = page.GetByRole(AriaRole.Form, new() { Name = "Register a vendor source" });
        (await register.GetByLabel("School URN").CountAsync()).ShouldBe(0, "a school's IT admin registers for their own school only");

        // Nothing chosen: each missing answer is named beside its field, and nothing is registered.
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the source" }).ClickAsync();
        await Expect(register.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(register.GetByLabel("Source name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(register.Locator("#source-format-error")).ToContainTextAsync("Choose the format your vendor sends");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "source-name");

        await register.GetByLabel("Source name").FillAsync(name);
        await register.GetByLabel("Vendor format").SelectOptionAsync("canonical-json");
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the source" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} is registered." })).ToBeVisibleAsync();
        var secret = await page.GetByLabel("Signing secret").InputValueAsync();
        secret.ShouldStartWith("whsec_");
        var url = await page.GetByLabel("Webhook address").InputValueAsync();
        url.ShouldStartWith(fixture.Gateway.Address + "api/filtering-ingest/webhooks/");
        await Expect(page.Locator("pre.example")).ToContainTextAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy the secret" }).ClickAsync();
        await Expect(page.Locator(".secret-panel [role=status]").First).ToContainTextAsync("secret");
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });
        await Expect(row.Locator(".badge")).ToHaveTextAsync("no data yet");

        using var admin = await fixture.ApiFor("it.blakehill");
        var sources = await admin.GetFromJsonAsync<JsonElement>("api/filtering-ingest/sources");
        var registered = sources.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);
        registered.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        var sourceId = registered.GetProperty("id").GetGuid();
        url.ShouldEndWith($"/webhooks/{sourceId}");

        // The vendor signs with the secret the page showed; the page sees the first event arrive without a reload.
        (await SendSignedAsync(url, secret)).ShouldBe(HttpStatusCode.Accepted);
        await Expect(page.Locator(".first-event")).ToContainTextAsync("First event received", Arrival);
        await Expect(page.Locator(".first-event")).ToContainTextAsync("1 accepted");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("healthy");
        await browser.ScreenshotAsync("it-admin-source-registered-first-event");

        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored the secret: hide it" }).ClickAsync();
        await Expect(page.Locator(".secret-panel")).ToHaveCountAsync(0);
        await Expect(page.Locator(".flash")).ToContainTextAsync("cannot be shown again");

        await page.GetByText("Rotate a source's secret", new() { Exact = true }).ClickAsync();
        var rotate = page.GetByRole(AriaRole.Form, new() { Name = "Rotate a source's secret" });
        await rotate.GetByLabel("Source").SelectOptionAsync(new SelectOptionValue { Label = name });
        await rotate.GetByLabel("Old secret keeps working for").SelectOptionAsync(new SelectOptionValue { Label = "1 hour" });
        await rotate.GetByRole(AriaRole.Button, new() { Name = "Rotate the secret" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{name} has a new secret." })).ToBeVisibleAsync();
        var rotated = await page.GetByLabel("Signing secret").InputValueAsync();
        rotated.ShouldStartWith("whsec_");
        rotated.ShouldNotBe(secret);
        await Expect(page.Locator(".first-event")).ToContainTextAsync("Events signed with the old secret are accepted until");
        var after = await admin.GetFromJsonAsync<JsonElement>($"api/filtering-ingest/sources/{sourceId}");
        var validUntil = after.GetProperty("secretsValidUntil").EnumerateArray().ToList();
        validUntil.Count.ShouldBe(2, "old and new secrets overlap");
        validUntil[0].GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(65));
        (await SendSignedAsync(url, rotated)).ShouldBe(HttpStatusCode.Accepted);
        await browser.ScreenshotAsync("it-admin-source-rotated");

        // Paused: the vendor's events are refused until it is resumed.
        await OpenAsync(page, "Pause, resume or revoke a source");
        var state = page.GetByRole(AriaRole.Form, new() { Name = "Pause, resume or revoke a source" });
        await state.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{name} (active)" });
        await state.GetByRole(AriaRole.Button, new() { Name = "Change the source" }).ClickAsync();
        await Expect(state.Locator("#state-change-error")).ToHaveTextAsync("Choose whether to pause, resume or revoke the source.");
        await state.GetByRole(AriaRole.Radio, new() { Name = "Pause: refuse its events until resumed" }).CheckAsync();
        await state.GetByRole(AriaRole.Button, new() { Name = "Change the source" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{name} is now paused.");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("paused");
        (await SendSignedAsync(url, rotated)).ShouldBe(HttpStatusCode.Conflict);
        await OpenAsync(page, "Pause, resume or revoke a source");
        state = page.GetByRole(AriaRole.Form, new() { Name = "Pause, resume or revoke a source" });
        await state.GetByLabel("Source", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{name} (paused)" });
        await state.GetByRole(AriaRole.Radio, new() { Name = "Resume a paused source" }).CheckAsync();
        await state.GetByRole(AriaRole.Button, new() { Name = "Change the source" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{name} is now active.");
        (await SendSignedAsync(url, rotated)).ShouldBe(HttpStatusCode.Accepted);

        // Another school's admin cannot see it (a trust-wide admin can; nobody else has the page).
        await using (var other = await BrowserSession.SignInAsync(fixture, "dsl.blakehill"))
        {
            (await other.NavLinksAsync()).ShouldNotContain("Ingest sources");
        }
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task school_it_admin_registers_a_device_assigns_it_to_a_pupil_with_an_aup_override_and_is_told_when_it_changed_meanwhile()
    {
        var tag = "BH-DASH-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var name = tag + " laptop";
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/devices");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("POST /api");

        await OpenAsync(page, "Register a device");
        var register = page.GetByRole(AriaRole.Form, new() { Name = "Register a device" });
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the device" }).ClickAsync();
        await Expect(register.Locator("#device-kind-error")).ToHaveTextAsync("Choose the kind of device.");
        await Expect(register.Locator("#device-serialNumber-error")).ToContainTextAsync("serial number or the asset tag");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "device-kind");

        await register.GetByLabel("Kind of device").SelectOptionAsync(new SelectOptionValue { Label = "Laptop" });
        await register.GetByLabel("Name").FillAsync(name);
        await register.GetByLabel("Asset tag").FillAsync(tag);
        await register.GetByLabel("Serial number").FillAsync("SN" + tag);
        await register.GetByLabel("Model").FillAsync("Latitude 3140");
        await register.GetByRole(AriaRole.Button, new() { Name = "Register the device" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{name} is registered.");
        var row = page.Locator("section[aria-labelledby=dev-list] tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });
        await Expect(row).ToContainTextAsync("unassigned");

        using var api = await fixture.ApiFor("it.blakehill");
        var listed = await api.GetFromJsonAsync<JsonElement>("api/device-register/devices");
        var id = listed.EnumerateArray().Single(d => d.GetProperty("assetTag").GetString() == tag).GetProperty("id").GetGuid();

        // A pupil without a current acceptable-use signature: refused, with why, until an override is given.
        await OpenAsync(page, "Assign a device");
        var assign = page.GetByRole(AriaRole.Form, new() { Name = "Assign a device" });
        await assign.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = $"{name} (laptop)" });
        await assign.GetByRole(AriaRole.Radio, new() { Name = "A pupil" }).CheckAsync();
        await assign.GetByLabel("Their school id").FillAsync("P-DASH-7101");
        await assign.GetByRole(AriaRole.Button, new() { Name = "Assign the device" }).ClickAsync();
        await Expect(assign.GetByRole(AriaRole.Alert)).ToContainTextAsync("No current acceptable-use signature");
        await assign.GetByLabel("Why assign without a signed acceptable-use policy").FillAsync("Exam access arrangement; AUP signing booked for Monday.");
        await assign.GetByRole(AriaRole.Button, new() { Name = "Assign the device" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{name} is assigned to pupil P-DASH-7101.");
        await Expect(row).ToContainTextAsync("pupil P-DASH-7101");
        var withoutAup = page.GetByRole(AriaRole.Region, new() { Name = "Devices whose holder has no current acceptable-use signature" });
        await Expect(withoutAup.Locator("tr", new() { HasText = name })).ToContainTextAsync("yes: Exam access arrangement");
        await browser.ScreenshotAsync("it-admin-device-assigned");

        // Someone else returns it and lends it to a class after this page read it: the return here is refused (412), not applied.
        await OpenAsync(page, "Record a device's return");
        var giveBack = page.GetByRole(AriaRole.Form, new() { Name = "Record a device's return" });
        await giveBack.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = $"{name}, with pupil P-DASH-7101" });
        var version = await VersionAsync(api, id);
        await Expect200(await PostWithIfMatch(api, $"api/device-register/devices/{id}/return", new { note = "returned at the office" }, version));
        await Expect200(await PostWithIfMatch(api, $"api/device-register/devices/{id}/assignment", new { assigneeKind = "class", assigneeId = "5B" }, version + 1));
        await giveBack.GetByLabel("Note").FillAsync("Returned at the end of term.");
        await giveBack.GetByRole(AriaRole.Button, new() { Name = "Record the return" }).ClickAsync();
        await Expect(giveBack.GetByRole(AriaRole.Alert)).ToContainTextAsync("This device changed since you read it");
        (await api.GetFromJsonAsync<JsonElement>($"api/device-register/devices/{id}")).GetProperty("currentAssignment")
            .GetProperty("assigneeId").GetString().ShouldBe("5B", "the stale return changed nothing");
        await browser.ScreenshotAsync("it-admin-device-changed-meanwhile");
        await giveBack.GetByRole(AriaRole.Button, new() { Name = "Reload the device" }).ClickAsync();
        await Expect(row).ToContainTextAsync("class 5B");

        await OpenAsync(page, "Record a device's return");
        giveBack = page.GetByRole(AriaRole.Form, new() { Name = "Record a device's return" });
        await giveBack.GetByLabel("Device").SelectOptionAsync(new SelectOptionValue { Label = $"{name}, with class 5B" });
        await giveBack.GetByRole(AriaRole.Button, new() { Name = "Record the return" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{name} is back with the school.");
        await Expect(row).ToContainTextAsync("unassigned");
        var device = await api.GetFromJsonAsync<JsonElement>($"api/device-register/devices/{id}");
        device.GetProperty("currentAssignment").ValueKind.ShouldBe(JsonValueKind.Null);
        device.GetProperty("assignments").GetArrayLength().ShouldBe(2);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task headteacher_sets_up_consent_records_a_parents_yes_asks_may_i_publish_then_records_a_withdrawal_and_the_answer_turns_to_no()
    {
        const string pupil = "P-CAL-5001";
        await using var browser = await BrowserSession.SignInAsync(fixture, "head.caldecote");
        var page = browser.Page;
        await browser.GoAsync("#/consent");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("POST /api");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the standard consent types" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("10 consent types added.");

        // Asking about a pupil the consent service does not know: said beside the pupil's id, in words.
        var ask = page.GetByRole(AriaRole.Form, new() { Name = "May I publish?" });
        await ask.GetByLabel("Pupil's school id").FillAsync(pupil);
        await Expect(ask.GetByLabel("Use")).ToHaveValueAsync("website");
        await ask.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await Expect(ask.Locator("#ask-pupilId-error")).ToContainTextAsync("is not on your school's consent roster");

        await OpenAsync(page, "Add a pupil to the consent roster");
        var roster = page.GetByRole(AriaRole.Form, new() { Name = "Add a pupil to the consent roster" });
        await roster.GetByLabel("Pupil's school id").FillAsync(pupil);
        await roster.GetByLabel("Class").FillAsync("5C");
        await roster.GetByRole(AriaRole.Button, new() { Name = "Add the pupil" }).ClickAsync();
        await Expect(roster.Locator("#roster-yearGroup-error")).ToHaveTextAsync("Choose the pupil's year group.");
        await roster.GetByLabel("Year group").SelectOptionAsync(new SelectOptionValue { Label = "Year 5" });
        await roster.GetByRole(AriaRole.Button, new() { Name = "Add the pupil" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"{pupil} is on the consent roster.");

        var answer = page.GetByRole(AriaRole.Form, new() { Name = "Record a parent's answer" });
        await answer.GetByLabel("Pupil's school id").FillAsync(pupil);
        await answer.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Expect(answer.Locator("#answer-given-error")).ToHaveTextAsync("Choose whether the parent said yes or no.");
        await Expect(answer.Locator("#answer-type-error")).ToHaveTextAsync("Choose the consent.");
        await Expect(answer.Locator("#answer-relationship-error")).ToHaveTextAsync("Choose who answered.");
        await Expect(answer.Locator("#answer-respondentId-error")).Not.ToBeEmptyAsync();
        await answer.GetByLabel("Consent", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Photographs on the school website" });
        await answer.GetByRole(AriaRole.Radio, new() { Name = "Yes, they consent" }).CheckAsync();
        await answer.GetByLabel("Parent's school id").FillAsync("PAR-5001");
        await answer.GetByLabel("Who answered").SelectOptionAsync(new SelectOptionValue { Label = "Mother" });
        await answer.GetByLabel("How the answer came").SelectOptionAsync(new SelectOptionValue { Label = "Paper form" });
        await answer.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync(
            $"Recorded for {pupil}: Photographs on the school website is allowed today (a parent said yes).");

        await AskAsync(page, pupil);
        var yes = page.Locator(".answer");
        await Expect(yes).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\byes\\b"));
        await Expect(yes).ToContainTextAsync($"Yes: {pupil} may appear (Photographs on the school website)");
        await Expect(yes).ToContainTextAsync("Why: a parent said yes.");
        await Expect(yes).ToContainTextAsync("mother (PAR-5001) answered yes by paper");
        await Expect(yes).ToContainTextAsync("Caption: no name.");
        await browser.ScreenshotAsync("head-may-i-publish-yes");

        await OpenAsync(page, "Record a withdrawal");
        var withdraw = page.GetByRole(AriaRole.Form, new() { Name = "Record a withdrawal" });
        await withdraw.GetByLabel("Pupil's school id").FillAsync(pupil);
        await withdraw.GetByLabel("Consent", new() { Exact = true }).SelectOptionAsync("website");
        await withdraw.GetByLabel("Parent's school id").FillAsync("PAR-5001");
        await withdraw.GetByLabel("Who answered").SelectOptionAsync("mother");
        await withdraw.GetByLabel("How the answer came").SelectOptionAsync("email");
        await withdraw.GetByRole(AriaRole.Button, new() { Name = "Record the withdrawal" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"Withdrawal recorded for {pupil}: Photographs on the school website is not allowed from today.");

        await AskAsync(page, pupil);
        var no = page.Locator(".answer");
        await Expect(no).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bno\\b"));
        await Expect(no).ToContainTextAsync($"No: do not use {pupil}'s image (Photographs on the school website)");
        await Expect(no).ToContainTextAsync("Why: the consent was withdrawn.");
        await Expect(no).ToContainTextAsync("mother (PAR-5001) withdrew consent by email");
        await browser.ScreenshotAsync("head-may-i-publish-no-after-withdrawal");

        using var api = await fixture.ApiFor("head.caldecote");
        var asked = await api.GetFromJsonAsync<JsonElement>($"api/consent/pupils/{pupil}/may-publish?type=website");
        asked.GetProperty("mayPublish").GetBoolean().ShouldBeFalse();
        asked.GetProperty("basis").GetString().ShouldBe("withdrawn");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)");
        unlabelled.ShouldBeEmpty();
        browser.ShouldHaveNoScriptErrors();
    }

    private static async Task AskAsync(IPage page, string pupil)
    {
        var ask = page.GetByRole(AriaRole.Form, new() { Name = "May I publish?" });
        await ask.GetByLabel("Pupil's school id").FillAsync(pupil);
        await ask.GetByLabel("Use").SelectOptionAsync("website");
        await ask.GetByLabel("Pupil's school id").PressAsync("Enter");
    }

    [Fact]
    public async Task dsl_imports_devices_sees_the_row_refused_then_quarantines_one_as_evidence_and_reads_its_custody_chain()
    {
        var tag = "BH-IMP-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/devices");
        await OpenAsync(page, "Import devices from your MDM or asset register (CSV)");
        var import = page.GetByRole(AriaRole.Form, new() { Name = "Import devices" });
        var csv = $"Device Name,Serial Number,Asset Tag,Model,Device Type\n{tag} iPad,SN{tag}A,{tag}-A,iPad 10th gen,iPad\n{tag} toaster,SN{tag}B,{tag}-B,Kitchen,toaster\n";
        await import.GetByLabel("CSV export").SetInputFilesAsync(new FilePayload { Name = "jamf.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await import.GetByRole(AriaRole.Button, new() { Name = "Import the devices" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("1 devices imported; 1 rows were not imported");
        var refused = page.GetByRole(AriaRole.Region, new() { Name = "Each row not imported" });
        await Expect(refused.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "3", Exact = true }) }))
            .ToContainTextAsync("Unknown device kind 'toaster'");

        // Quarantine the imported iPad: the seal number is asked for next to its field, then the chain shows the step.
        var custody = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Custody of devices as evidence" }) });
        await custody.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{tag} iPad (ipad)" });
        await custody.GetByRole(AriaRole.Button, new() { Name = "Show its custody chain" }).ClickAsync();
        var step = page.GetByRole(AriaRole.Form, new() { Name = "Record the next custody step" });
        await step.GetByLabel("Step", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Quarantined as evidence (sealed)" });
        await step.GetByLabel("Where the device is now").FillAsync("DSL office safe");
        await step.GetByRole(AriaRole.Radio, new() { Name = "Left on (never shut it down)" }).CheckAsync();
        await step.GetByRole(AriaRole.Button, new() { Name = "Record the step" }).ClickAsync();
        await Expect(step.Locator("#custody-sealNumber-error")).ToBeVisibleAsync();
        await step.GetByLabel("Evidence bag seal number").FillAsync("SEAL-" + tag);
        await step.GetByRole(AriaRole.Button, new() { Name = "Record the step" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync($"Quarantined as evidence (sealed): recorded for {tag} iPad.");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Held now" }).Locator("tr", new() { HasText = tag + " iPad" })).ToContainTextAsync("quarantined");
        await custody.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"{tag} iPad (ipad)" });
        await custody.GetByRole(AriaRole.Button, new() { Name = "Show its custody chain" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Custody chain" })).ToContainTextAsync("seal SEAL-" + tag);
        await browser.ScreenshotAsync("dsl-device-custody-chain");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("/api/");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task dsl_publishes_the_staff_acceptable_use_policy_and_a_member_of_staff_signs_it_in_the_browser()
    {
        var title = "Staff AUP " + Guid.NewGuid().ToString("N")[..6];
        await using (var dsl = await BrowserSession.SignInAsync(fixture, "dsl.blakehill"))
        {
            var page = dsl.Page;
            await dsl.GoAsync("#/aups");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acceptable use policies", Level = 1 })).ToBeVisibleAsync();
            await OpenAsync(page, "Publish a new version");
            var publish = page.GetByRole(AriaRole.Form, new() { Name = "Publish a new version" });
            await publish.GetByLabel("For", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Staff" });
            await publish.GetByLabel("Title").FillAsync(title);
            await publish.GetByLabel("Days older signatures still count").FillAsync("0");
            await publish.GetByRole(AriaRole.Button, new() { Name = "Publish the version" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("of the staff policy is published.");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Acceptable use policies" }).Locator("tr", new() { HasText = title })).ToBeVisibleAsync();
            await dsl.ScreenshotAsync("dsl-acceptable-use-policies");
            dsl.ShouldHaveNoScriptErrors();
        }
        await using var staff = await BrowserSession.SignInAsync(fixture, "staff.blakehill");
        await staff.GoAsync("#/aups");
        await Expect(staff.Page.Locator("main")).ToContainTextAsync(title);
        await staff.Page.GetByRole(AriaRole.Button, new() { Name = "I have read it and agree" }).ClickAsync();
        // The answer is the service's: the signature it recorded, and the policy offered now is signed.
        await Expect(staff.Page.Locator(".flash")).ToContainTextAsync("Signed version");
        await Expect(staff.Page.Locator("main")).ToContainTextAsync("You signed version");
        staff.ShouldHaveNoScriptErrors();
    }

    private static async Task OpenAsync(IPage page, string disclosure)
    {
        var details = page.Locator("details", new() { Has = page.Locator("summary", new() { HasText = disclosure }) });
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").ClickAsync();
    }

    private static async Task<long> VersionAsync(HttpClient api, Guid device)
    {
        using var response = await api.GetAsync($"api/device-register/devices/{device}");
        response.EnsureSuccessStatusCode();
        return long.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> PostWithIfMatch(HttpClient api, string path, object body, long version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await api.SendAsync(request);
    }

    private static async Task Expect200(HttpResponseMessage response)
    {
        using (response)
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> SendSignedAsync(string url, string secret)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = "dash-" + Guid.NewGuid().ToString("N")[..10],
                activity = new { action = "Blocked" }, classification = new { categoryLabel = "gambling", severity = 2 },
            },
        }));
        var id = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhookSignature.Sign(secret, id, timestamp, body));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
