namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// The dashboard as the way a school runs its incident log and its filtering standards evidence. These tests use
/// Caldecote Primary, so the Blakehill counts that <see cref="WhatEachRoleSees"/> checks stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RunningTheIncidentLog(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_reports_a_concern_triages_it_refers_it_is_refused_closure_without_a_rationale_then_closes_it_and_sees_the_timeline()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.caldecote");
        var page = browser.Page;
        using var api = await fixture.ApiFor("dsl.caldecote");
        var before = await VisibleIncidentsAsync(api);

        await browser.GoAsync("#/report");
        await page.GetByLabel("When it happened").FillAsync(DateTime.Now.AddHours(-2).ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByLabel("What happened", new() { Exact = true }).FillAsync("Year 6 pupil received threatening messages in a gaming chat.");
        await page.GetByLabel("Site").SelectOptionAsync(new SelectOptionValue { Label = "Outside school" });
        await page.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Personal device" });
        await page.GetByLabel("How it came to light").FillAsync("The pupil told their class teacher.");
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Pupil harmed or affected" });
        // Pupils are chosen by name from the school roster (consent's MIS import), with the keyboard.
        var hattie = await CaldecoteRosterAsync(fixture, "Hattie Ng");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Pupil" }).FillAsync("hatt");
        await Expect(page.Locator(".pupil-options").GetByRole(AriaRole.Option)).ToHaveTextAsync(["Hattie Ng Year 6, Oak"]);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Pupil" })).ToHaveAttributeAsync("aria-activedescendant", "report-person-1-pupilId-option-0");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".pupil-status")).ToHaveTextAsync("Chosen: Hattie Ng, Year 6, Oak.");
        await browser.ScreenshotAsync("dsl-report-pupil-picker");
        await page.GetByLabel("Suggested category").SelectOptionAsync(new SelectOptionValue { Label = "Cyberbullying" });

        // The first answer is lost on the way back (the concern is recorded); sending again must not record a second one.
        var lost = false;
        await page.RouteAsync("**/api/incident/incidents", async route =>
        {
            if (route.Request.Method != "POST" || lost) { await route.ContinueAsync(); return; }
            lost = true;
            (await route.FetchAsync()).Status.ShouldBe(201);
            await route.AbortAsync();
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Report the concern" }).ClickAsync();
        await Expect(page.Locator(".error-summary")).ToContainTextAsync("could not be reached");
        await page.GetByRole(AriaRole.Button, new() { Name = "Report the concern" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Your concern has been recorded. Thank you.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incident: cyberbullying", Level = 1 })).ToBeVisibleAsync();
        lost.ShouldBeTrue();
        (await VisibleIncidentsAsync(api)).ShouldBe(before + 1, "a retry with the same Idempotency-Key records one concern");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "People involved" })).ToContainTextAsync("Hattie Ng (Year 6, Oak)");
        var reported = await api.GetFromJsonAsync<JsonElement>(new Uri(page.Url).Fragment.Split('?')[0].Replace("#/incidents/", "api/incident/incidents/"));
        reported.GetProperty("people")[0].GetProperty("pupilId").GetString().ShouldBe(hattie, "the picker sends the internal id, never the name");
        reported.GetProperty("people")[0].GetProperty("name").ValueKind.ShouldBe(JsonValueKind.Null);
        // The DSL opens the pupil's chronology from the incident, named from the roster.
        var incidentUrl = page.Url;
        await page.GetByRole(AriaRole.Link, new() { Name = "Hattie Ng (Year 6, Oak)" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chronology: Hattie Ng", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Chronology" })).ToContainTextAsync("cyberbullying");
        await browser.ScreenshotAsync("dsl-pupil-chronology");
        await page.GotoAsync(incidentUrl.Replace("?reported=1", ""));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incident: cyberbullying", Level = 1 })).ToBeVisibleAsync();

        var triage = page.GetByRole(AriaRole.Form, new() { Name = "Triage", Exact = true });
        await triage.GetByRole(AriaRole.Radio, new() { Name = "No, inappropriate but not illegal" }).CheckAsync();
        await triage.GetByLabel("Category").SelectOptionAsync("cyberbullying");
        await triage.GetByLabel("4C risk area").SelectOptionAsync("contact");
        await triage.GetByLabel("Severity").SelectOptionAsync("3");
        // The handler is chosen from Caldecote's staff (identity's /staff), the signed-in DSL preselected; ids never typed.
        var handler = triage.GetByLabel("Handler", new() { Exact = true });
        await Expect(handler).ToHaveValueAsync(await SubjectOfAsync("dsl.caldecote"));
        await Expect(handler.Locator("optgroup[label='Safeguarding team'] option")).ToHaveTextAsync(
            ["DSL, Caldecote Primary (me, DSL)", "Deputy DSL, Caldecote Primary (Deputy DSL)", "Headteacher, Caldecote Primary (Headteacher)"]);
        await Expect(handler.Locator("optgroup[label='Other staff'] option")).ToHaveTextAsync(["Staff member, Caldecote Primary (Staff)"]);
        (await handler.Locator("option").AllInnerTextsAsync()).ShouldNotContain(o => o.Contains("Blakehill") || o.Contains("Governor"));
        await handler.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(handler).ToHaveValueAsync(await SubjectOfAsync("deputy.caldecote"));
        await triage.GetByLabel("Rationale").FillAsync("Threats from an adult stranger: contact risk, referral needed.");
        await triage.GetByRole(AriaRole.Button, new() { Name = "Record triage" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Triage recorded.");
        await Expect(page.Locator("main .badge").First).ToHaveTextAsync("triaged");
        var recorded = await api.GetFromJsonAsync<JsonElement>(new Uri(page.Url).Fragment.Replace("#/incidents/", "api/incident/incidents/"));
        recorded.GetProperty("triage").GetProperty("handlerId").GetString().ShouldBe(await SubjectOfAsync("deputy.caldecote"));
        recorded.GetProperty("triage").GetProperty("handlerName").GetString().ShouldBe("Deputy DSL, Caldecote Primary");

        await Open(page, "Record an action");
        var action = page.GetByRole(AriaRole.Form, new() { Name = "Record an action" });
        await action.GetByLabel("Who was informed").FillAsync("Mother");
        await action.GetByLabel("Why they were informed now").FillAsync("No risk in telling home; mother can help monitor the console.");
        await action.GetByRole(AriaRole.Button, new() { Name = "Record the action" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Action recorded.");

        await Open(page, "Make a referral");
        var referral = page.GetByRole(AriaRole.Form, new() { Name = "Make a referral" });
        await referral.GetByLabel("Destination").SelectOptionAsync(new SelectOptionValue { Label = "CEOP" });
        await referral.GetByLabel("Agency reference").FillAsync("CEOP-55120");
        await referral.GetByLabel("Outcome due by").FillAsync(DateTime.Today.AddDays(5).ToString("yyyy-MM-dd"));
        await referral.GetByLabel("Rationale").FillAsync("An adult sought contact with a child online.");
        await referral.GetByRole(AriaRole.Button, new() { Name = "Record the referral" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Referral recorded.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "CEOP" })).ToContainTextAsync("awaited");

        await Open(page, "Record a referral outcome");
        var outcome = page.GetByRole(AriaRole.Form, new() { Name = "Record a referral outcome" });
        await outcome.GetByLabel("Referral outcome").SelectOptionAsync("referred-on");
        await outcome.GetByLabel("In the agency's words").FillAsync("Passed to police; no further action for school");
        await outcome.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Referral outcome recorded.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "CEOP" })).ToContainTextAsync("Referred on to another agency: Passed to police");

        await Open(page, "Close the incident");
        var close = page.GetByRole(AriaRole.Form, new() { Name = "Close the incident" });
        await close.GetByLabel("Outcome code").SelectOptionAsync("referred-externally");
        await close.GetByLabel("Outcome of the incident").FillAsync("Referred to CEOP; pupil supported; parents informed.");
        await close.GetByLabel("Lessons learnt").FillAsync("Add gaming chats to the Year 6 online-safety lessons.");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close the incident" }).ClickAsync();
        await Expect(close.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(close.GetByLabel("Rationale")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(close.Locator("#close-rationale-error")).ToHaveTextAsync("Enter rationale");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "close-rationale");
        await Expect(page.Locator("main .badge").First).ToHaveTextAsync("triaged");
        await browser.ScreenshotAsync("dsl-close-needs-rationale");

        await close.GetByLabel("Rationale").FillAsync("Referral concluded and support in place; no ongoing risk in school.");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close the incident" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Incident closed.");
        await Expect(page.Locator("main .badge").First).ToHaveTextAsync("closed");
        await Expect(page.GetByText("Add gaming chats to the Year 6 online-safety lessons.")).ToBeVisibleAsync();
        var timeline = await page.Locator("ol.timeline li").AllInnerTextsAsync();
        timeline.Count.ShouldBe(6);
        string.Join("\n", timeline).ShouldSatisfyAllConditions(
            t => t.ShouldContain("reported"), t => t.ShouldContain("triaged"), t => t.ShouldContain("parents informed"),
            t => t.ShouldContain("Referred to ceop (CEOP-55120)"), t => t.ShouldContain("referral outcome"), t => t.ShouldContain("Closed: Referred to CEOP"));
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Triage", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.Locator("summary", new() { HasText = "Reopen the incident" })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("dsl-incident-closed");

        await Open(page, "Reopen the incident");
        var reopen = page.GetByRole(AriaRole.Form, new() { Name = "Reopen the incident" });
        await reopen.GetByLabel("Reason for reopening").FillAsync("The pupil disclosed further messages.");
        await reopen.GetByRole(AriaRole.Button, new() { Name = "Reopen the incident" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Incident reopened.");
        await Expect(page.Locator("main .badge").First).ToHaveTextAsync("triaged");
        await Expect(page.Locator("ol.timeline li").Last).ToContainTextAsync("Reopened: The pupil disclosed further messages.");
        browser.ShouldHaveNoScriptErrors();
    }

    /// <summary>Issue 15: an illegal triage's route shows on the incident page and holds the closure back until each required step is answered.</summary>
    [Fact]
    public async Task dsl_sees_the_route_of_an_illegal_incident_is_refused_closure_naming_the_police_step_then_records_the_decision_not_to_and_closes()
    {
        using var dsl = await fixture.ApiFor("dsl.caldecote");
        var id = await ReportAsync(dsl, "Pupil was sent a threatening image by an older pupil.", "P-CAL-9301");
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.caldecote");
        var page = browser.Page;
        await browser.GoAsync($"#/incidents/{id}");

        var triage = page.GetByRole(AriaRole.Form, new() { Name = "Triage", Exact = true });
        await Expect(triage.GetByLabel("Category").Locator("option[value='self-harm-suicide-eating-disorder']"))
            .ToHaveTextAsync("Self-harm, suicide or eating-disorder content");
        await triage.GetByRole(AriaRole.Radio, new() { Name = "Yes, illegal" }).CheckAsync();
        await triage.GetByLabel("Category").SelectOptionAsync("online-sexual-harassment");
        await triage.GetByLabel("4C risk area").SelectOptionAsync("conduct");
        await triage.GetByLabel("Severity").SelectOptionAsync("3");
        await triage.GetByLabel("Rationale").FillAsync("Threats with an image: a possible offence.");
        await triage.GetByRole(AriaRole.Button, new() { Name = "Record triage" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Triage recorded.");

        var police = page.GetByRole(AriaRole.Row, new() { Name = "Refer to the police" });
        await Expect(police).ToContainTextAsync("required");
        await Expect(police).ToContainTextAsync("To do");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Inform the headteacher" })).ToContainTextAsync("suggested");
        await Expect(page.GetByText("Required steps still open: Refer to the police.")).ToBeVisibleAsync();

        await Open(page, "Close the incident");
        var close = page.GetByRole(AriaRole.Form, new() { Name = "Close the incident" });
        await close.GetByLabel("Outcome code").SelectOptionAsync("resolved-in-school");
        await close.GetByLabel("Rationale").FillAsync("Dealt with in school.");
        await close.GetByLabel("Lessons learnt").FillAsync("None");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close the incident" }).ClickAsync();
        await Expect(close.GetByRole(AriaRole.Alert)).ToContainTextAsync("Required steps of the incident's route are open");
        await Expect(close.GetByRole(AriaRole.Alert)).ToContainTextAsync("Refer to the police (refer-police)");
        await browser.ScreenshotAsync("dsl-close-refused-route-step-open");

        await Open(page, "Record a decision not to take a step");
        var decline = page.GetByRole(AriaRole.Form, new() { Name = "Record a decision not to take a step" });
        await decline.GetByLabel("Step").SelectOptionAsync("refer-police");
        await decline.GetByLabel("Rationale").FillAsync("Police (PC 4411) advised by phone: school to handle; no crime report.");
        await decline.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Decision recorded.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Refer to the police" })).ToContainTextAsync("Decided not to");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Refer to the police" })).ToContainTextAsync("Police (PC 4411) advised by phone");

        await Open(page, "Close the incident");
        close = page.GetByRole(AriaRole.Form, new() { Name = "Close the incident" });
        await close.GetByLabel("Outcome code").SelectOptionAsync("resolved-in-school");
        await close.GetByLabel("Rationale").FillAsync("Dealt with in school on police advice.");
        await close.GetByLabel("Lessons learnt").FillAsync("None");
        await close.GetByRole(AriaRole.Button, new() { Name = "Close the incident" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Incident closed.");
        await Expect(page.Locator("main .badge").First).ToHaveTextAsync("closed");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task on_a_tablet_an_edit_after_another_session_changed_the_incident_is_refused_with_the_changed_since_you_read_it_message()
    {
        using var dsl = await fixture.ApiFor("dsl.caldecote");
        var id = await ReportAsync(dsl, "Pupil shared a classmate's photo without consent.", "P-CAL-9201");
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.caldecote", BrowserSession.Tablet);
        var page = browser.Page;
        await browser.GoAsync($"#/incidents/{id}");
        await NoSidewaysScrollAsync(page);

        using var deputy = await fixture.ApiFor("deputy.caldecote");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"api/incident/incidents/{id}/triage"))
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            request.Content = JsonContent.Create(new
            {
                illegal = false, category = "online-sexual-harassment", fourC = "conduct", severity = 2,
                handlerId = "deputy", handlerName = "Deputy DSL, Caldecote Primary", rationale = "Deputy's triage made first.",
            });
            (await deputy.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var triage = page.GetByRole(AriaRole.Form, new() { Name = "Triage", Exact = true });
        await triage.GetByRole(AriaRole.Radio, new() { Name = "No, inappropriate but not illegal" }).CheckAsync();
        await triage.GetByLabel("4C risk area").SelectOptionAsync("conduct");
        await triage.GetByLabel("Severity").SelectOptionAsync("3");
        await triage.GetByLabel("Rationale").FillAsync("My triage, from a page read before the deputy's.");
        await triage.GetByRole(AriaRole.Button, new() { Name = "Record triage" }).ClickAsync();
        var alert = triage.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("This incident changed since you read it");
        await Expect(alert).ToContainTextAsync("Reload to see their change");
        await Expect(page.Locator(":focus")).ToHaveClassAsync("error-summary");
        await browser.ScreenshotAsync("dsl-stale-edit-tablet");

        await alert.GetByRole(AriaRole.Button, new() { Name = "Reload the incident" }).ClickAsync();
        await Expect(page.GetByText("Deputy's triage made first.")).ToBeVisibleAsync();
        await Open(page, "Change the triage");
        var again = page.GetByRole(AriaRole.Form, new() { Name = "Triage", Exact = true });
        await Expect(again.GetByLabel("Category")).ToHaveValueAsync("online-sexual-harassment");
        await again.GetByLabel("Rationale").FillAsync("Agreed with the deputy; severity raised after reading the messages.");
        await again.GetByLabel("Severity").SelectOptionAsync("3");
        await again.GetByRole(AriaRole.Button, new() { Name = "Record triage" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Triage recorded.");
        await Expect(page.GetByText("Agreed with the deputy")).ToBeVisibleAsync();
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task staff_member_on_a_tablet_sees_each_missing_field_named_then_reports_a_concern_and_gets_no_triage_controls()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "staff.caldecote", BrowserSession.Tablet);
        var page = browser.Page;
        (await browser.NavLinksAsync()).ShouldBe(["Report a concern", "My tasks", "Incidents", "Agencies", "Ask to unblock a site", "Acceptable use"]);
        await browser.GoAsync("#/report");

        await page.GetByRole(AriaRole.Button, new() { Name = "Report the concern" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "report-happenedAt");
        // The form's words, not the service's field paths (issue 14, point 6).
        await Expect(page.Locator("#report-happenedAt-error")).ToHaveTextAsync("Enter when it happened");
        await Expect(page.GetByLabel("What happened", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#report-site-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-person-1-role-error")).ToHaveTextAsync("Person 1: choose who was involved");
        (await page.GetByRole(AriaRole.Alert).Locator("li").First.InnerTextAsync()).ShouldStartWith("Enter when it happened", Case.Sensitive,
            "the summary lists problems in the order of the fields");
        var summary = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        summary.ShouldContain("Person 1: choose who was involved");
        summary.ShouldNotContain("people[0]");
        summary.ShouldNotContain("happenedAt");
        await NoSidewaysScrollAsync(page);
        await browser.ScreenshotAsync("staff-report-errors-tablet");

        await page.GetByLabel("When it happened").FillAsync(DateTime.Now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByLabel("What happened", new() { Exact = true }).FillAsync("A pupil showed me a video a stranger sent him.");
        await page.GetByLabel("Site").SelectOptionAsync("on-site");
        await page.GetByLabel("Device", new() { Exact = true }).SelectOptionAsync("personal-device");
        await page.GetByLabel("How it came to light").FillAsync("Pupil showed me at break.");
        await page.GetByLabel("Role").SelectOptionAsync("child-victim");
        await CaldecoteRosterAsync(fixture, "Mohammed Rahman");
        var picker = page.GetByRole(AriaRole.Combobox, new() { Name = "Pupil" });
        await picker.FillAsync("zzzz");
        await Expect(page.Locator(".pupil-status")).ToContainTextAsync("No pupil on the school roster matches");
        await picker.FillAsync("rahm");
        await Expect(page.Locator(".pupil-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await picker.PressAsync("ArrowDown");
        await picker.PressAsync("Enter");
        await Expect(picker).ToHaveValueAsync("Mohammed Rahman");
        await page.GetByRole(AriaRole.Button, new() { Name = "Report the concern" }).ClickAsync();

        await Expect(page.Locator(".flash")).ToHaveTextAsync("Your concern has been recorded. Thank you.");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What happened", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Case work (triage, actions, referrals) is visible to the safeguarding team only.")).ToBeVisibleAsync();
        await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        await Expect(page.Locator("main summary")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record triage" })).ToHaveCountAsync(0);
        await NoSidewaysScrollAsync(page);
        await browser.ScreenshotAsync("staff-reported-concern-tablet");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task headteacher_records_the_filtering_standards_evidence_and_the_trust_lead_sees_which_schools_have_gaps()
    {
        var outcome = "Checked the block list against KCSIE " + Guid.NewGuid().ToString("N")[..6];
        await using (var head = await BrowserSession.SignInAsync(fixture, "head.caldecote"))
        {
            var page = head.Page;
            await head.GoAsync("#/standards");
            var names = page.GetByRole(AriaRole.Form, new() { Name = "Name who is responsible" });
            await names.GetByLabel("Senior leader (SLT)").FillAsync("A. Okafor, deputy head");
            await names.GetByLabel("Governor").FillAsync("R. Patel");
            await names.GetByRole(AriaRole.Button, new() { Name = "Save the names" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("Responsibilities saved.");

            await Open(page, "Record a review");
            var review = page.GetByRole(AriaRole.Form, new() { Name = "Record a review" });
            await review.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
            await Expect(review.Locator("#standards-outcome-error")).ToHaveTextAsync("Summarise the outcome of the review.");
            await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "standards-outcome");
            await Expect(review.Locator("#review-dsl-error")).ToHaveTextAsync("Name the DSL who took part in the review.");
            await review.GetByLabel("Outcome of the review").FillAsync(outcome);
            await review.GetByLabel("Senior leader (SLT)").FillAsync("A. Okafor, deputy head");
            await review.GetByLabel("DSL", new() { Exact = true }).FillAsync("D. Singh");
            await review.GetByLabel("IT (lead or service provider)").FillAsync("E. Jones, Acme IT");
            var items = review.Locator(".checklist-item");
            for (var i = 0; i < await items.CountAsync(); i++) await items.Nth(i).GetByLabel("Done", new() { Exact = true }).CheckAsync();
            await items.Nth(3).GetByLabel("Not done", new() { Exact = true }).CheckAsync();
            await review.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
            await Expect(review.Locator("#check-filter-tested-note-error")).ToHaveTextAsync("Say what will be done about an item not done, and by when.");
            await items.Nth(3).GetByLabel("If not done").FillAsync("Run the SWGfL test on the guest Wi-Fi by October");
            await review.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("Review recorded.");
            var row = page.GetByRole(AriaRole.Row, new() { Name = outcome });
            await Expect(row).ToContainTextAsync((DateTime.Today.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(row).ToContainTextAsync("Headteacher, Caldecote Primary");
            await Expect(row).ToContainTextAsync("7 of 8 done");
            await Expect(row).ToContainTextAsync("IT: Run the SWGfL test on the guest Wi-Fi by October");
            await Expect(row).ToContainTextAsync("D. Singh (DSL)");

            await Open(page, "Record a decision");
            var decision = page.GetByRole(AriaRole.Form, new() { Name = "Record a decision" });
            await decision.GetByRole(AriaRole.Radio, new() { Name = "Block" }).CheckAsync();
            await decision.GetByLabel("What is blocked or allowed").FillAsync("Anonymous proxy and VPN sites");
            await decision.GetByLabel("Reason").FillAsync("Used to get round the filter in Year 6.");
            await decision.GetByLabel("Asked by").FillAsync("E. Jones, Acme IT");
            await decision.GetByLabel("Approved by").FillAsync("D. Singh, DSL");
            await decision.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("Decision recorded.");
            var logged = page.GetByRole(AriaRole.Row, new() { Name = "Anonymous proxy and VPN sites" });
            await Expect(logged).ToContainTextAsync("block");
            await Expect(logged).ToContainTextAsync("D. Singh, DSL");
            await Expect(logged).ToContainTextAsync("no end date");
            await head.ScreenshotAsync("head-filtering-standards");
            head.ShouldHaveNoScriptErrors();
        }

        await using var lead = await BrowserSession.SignInAsync(fixture, "trust.lead");
        await lead.GoAsync("#/trust/standards");
        var table = lead.Page.Locator("table.standards");
        await Expect(RowOf(table, "Caldecote Primary")).ToContainTextAsync("up to date");
        await Expect(RowOf(table, "Caldecote Primary").Locator("td").Nth(1)).ToHaveTextAsync("named");
        await Expect(RowOf(table, "Blakehill Primary").Locator("td").Nth(1)).ToHaveTextAsync("not named");
        await Expect(RowOf(table, "Blakehill Primary")).ToContainTextAsync("missing");
        await Expect(lead.Page.Locator("nav a[aria-current=page]")).ToHaveTextAsync("Filtering standards");
        await lead.ScreenshotAsync("trust-lead-filtering-standards");
        lead.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task staff_ask_for_a_blocked_site_the_dsl_unblocks_it_until_a_date_the_log_says_who_asked_who_approved_and_why_and_the_asker_reads_the_answer()
    {
        var site = $"www.poetry-{Guid.NewGuid().ToString("N")[..6]}.example/anthology";
        await using (var staff = await BrowserSession.SignInAsync(fixture, "staff.blakehill"))
        {
            var page = staff.Page;
            await staff.GoAsync("#/unblock");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
            await Expect(page.GetByLabel("Site or page that is blocked")).ToHaveAttributeAsync("aria-invalid", "true");
            await page.GetByLabel("Site or page that is blocked").FillAsync(site);
            await page.GetByLabel("Why it is needed").FillAsync("Year 10 poetry anthology lesson");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync($"Your request to unblock {site} is sent");
            await Expect(page.Locator("table.unblock-answers tbody tr", new() { HasText = site })).ToContainTextAsync("waiting");
            await staff.ScreenshotAsync("staff-unblock-request");
            staff.ShouldHaveNoScriptErrors();
        }

        await using var dsl = await BrowserSession.SignInAsync(fixture, "dsl.blakehill");
        var p = dsl.Page;
        await dsl.GoAsync("#/standards");
        var waiting = p.Locator("table.unblock-requests tbody tr", new() { HasText = site });
        await Expect(waiting).ToContainTextAsync("waiting");
        await Expect(waiting).ToContainTextAsync("Staff member, Blakehill Primary");
        await Open(p, "Decide an unblock request");
        var decide = p.GetByRole(AriaRole.Form, new() { Name = "Decide an unblock request" });
        await decide.GetByLabel("Request").SelectOptionAsync(new SelectOptionValue { Label = $"{site} (asked by Staff member, Blakehill Primary)" });
        await decide.GetByRole(AriaRole.Radio, new() { Name = "Unblock it" }).CheckAsync();
        var until = DateTime.Today.AddDays(30);
        await decide.GetByLabel("Unblocked until").FillAsync(until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await decide.GetByLabel("Reason").FillAsync("Curriculum resource; checked, nothing harmful");
        await decide.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Expect(p.Locator(".flash")).ToHaveTextAsync("Answer recorded.");

        var answered = p.Locator("table.unblock-requests tbody tr", new() { HasText = site });
        await Expect(answered).ToContainTextAsync("unblocked");
        await Expect(answered).ToContainTextAsync("DSL, Blakehill Primary");
        var logged = p.Locator("table.decisions tbody tr", new() { HasText = site });
        await Expect(logged).ToContainTextAsync("allow");
        await Expect(logged).ToContainTextAsync("Staff member, Blakehill Primary");
        await Expect(logged).ToContainTextAsync("Curriculum resource; checked, nothing harmful");
        await Expect(logged).Not.ToContainTextAsync("no end date");
        await Expect(logged).ToContainTextAsync(until.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await dsl.ScreenshotAsync("dsl-unblock-decided");
        dsl.ShouldHaveNoScriptErrors();

        await using var asker = await BrowserSession.SignInAsync(fixture, "staff.blakehill");
        await asker.GoAsync("#/unblock");
        var answer = asker.Page.Locator("table.unblock-answers tbody tr", new() { HasText = site });
        await Expect(answer).ToContainTextAsync("unblocked");
        await Expect(answer).ToContainTextAsync("Curriculum resource; checked, nothing harmful");
        await Expect(answer).ToContainTextAsync("DSL, Blakehill Primary");
        await asker.ScreenshotAsync("staff-reads-unblock-answer");
        asker.ShouldHaveNoScriptErrors();
    }

    private static ILocator RowOf(ILocator table, string school) =>
        table.Locator("tbody tr", new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = school, Exact = true }) });

    private static async Task Open(IPage page, string disclosure) =>
        await page.Locator("summary", new() { HasText = disclosure }).ClickAsync();

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"))
            .ShouldBeLessThanOrEqualTo(0, "the page scrolls sideways on a tablet");

    /// <summary>The user's subject id (<c>sub</c>), read from their real access token.</summary>
    private async Task<string> SubjectOfAsync(string user)
    {
        var payload = (await fixture.Identity.TokenForAsync(user)).Split('.')[1].Replace('-', '+').Replace('_', '/');
        var json = Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='));
        return JsonDocument.Parse(json).RootElement.GetProperty("sub").GetString()!;
    }

    private static async Task<long> VisibleIncidentsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("api/incident/incidents?pageSize=1")).GetProperty("total").GetInt64();

    private static async Task<Guid> ReportAsync(HttpClient api, string whatHappened, string pupilId)
    {
        var response = await api.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-1), whatHappened,
            where = new { site = "on-site", device = "personal-device" }, howItCameToLight = "A pupil told a teacher",
            people = new[] { new { role = "child-victim", pupilId } }, suggestedCategory = "online-sexual-harassment",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Caldecote's roster from an Arbor export (idempotent: a re-import changes nothing); the pupil's internal id.</summary>
    internal static async Task<string> CaldecoteRosterAsync(DashboardFixture fixture, string name)
    {
        using var dsl = await fixture.ApiFor("dsl.caldecote");
        const string arbor = """
            Arbor Student ID,UPN,Legal First Name,Legal Last Name,Preferred First Name,Preferred Last Name,Date of Birth,Year Group,Registration Form,Enrolment Start Date,Enrolment End Date,School Email
            4411,F820002120010,Harriet,Ng,Hattie,,14 Mar 2015,Year 6,Oak,1 Sep 2019,,h.ng@caldecote.sch.uk
            4412,U820002120020,Mohammed,Rahman,,,9 Jun 2017,Year 4,Ash,2 Sep 2021,,m.rahman@caldecote.sch.uk
            """;
        using var imported = await dsl.PostAsync("api/consent/roster/imports?missing=keep", new StringContent(arbor, System.Text.Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var found = await dsl.GetFromJsonAsync<JsonElement>($"api/consent/pupils?search={Uri.EscapeDataString(name)}");
        return found.GetProperty("pupils")[0].GetProperty("pupilId").GetString()!;
    }
}
