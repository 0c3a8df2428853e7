using TrustSafety.Platform;

namespace TrustSafety.Dashboard.Tests;

[Collection(DashboardCollection.Name)]
public sealed class WhatEachRoleSees(DashboardFixture fixture)
{
    [Fact]
    public async Task trust_lead_sees_trends_comparison_and_heat_map_with_small_numbers_as_less_than_five_and_no_pupil_detail()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "trust.lead");
        var page = browser.Page;

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trust overview", Level = 1 })).ToBeVisibleAsync();
        await browser.GoAsync($"#/trust?from={DateTime.UtcNow.AddMonths(-5):yyyy-MM}&to={DateTime.UtcNow:yyyy-MM}");
        await Expect(page.Locator("figure.chart canvas")).ToHaveCountAsync(2);
        await Expect(page.Locator("figcaption", new() { HasText = "Incidents reported by month" })).ToBeVisibleAsync();
        await Expect(page.Locator("figcaption", new() { HasText = "per 100 pupils" })).ToBeVisibleAsync();
        var blakehillRow = page.Locator("table.heatmap tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Blakehill Primary" }) });
        await Expect(blakehillRow.Locator("td.suppressed", new() { HasText = "<5" }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".freshness").First).ToContainTextAsync("Data as of");
        await browser.ScreenshotAsync("trust-lead-overview");

        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotContain(DashboardFixture.BlakehillPupil);
        text.ShouldNotContain(DashboardFixture.CaldecoteMarker);
        (await browser.NavLinksAsync()).ShouldBe(["Trust overview", "Drill-down grants", "Filtering standards", "Agencies", "Governor packs"]);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task trust_lead_takes_a_time_limited_grant_with_a_reason_and_the_schools_dsl_sees_it_with_each_read()
    {
        var reason = "Board query about cyberbullying trend " + Guid.NewGuid().ToString("N")[..6];
        await using (var lead = await BrowserSession.SignInAsync(fixture, "trust.lead"))
        {
            var page = lead.Page;
            await lead.GoAsync("#/grants");
            await page.GetByRole(AriaRole.Button, new() { Name = "Request grant" }).ClickAsync();
            await Expect(page.Locator(".form-status")).ToHaveTextAsync("Check the highlighted fields.");
            await Expect(page.GetByLabel("Reason")).ToHaveAttributeAsync("aria-invalid", "true");

            await page.GetByLabel("School").SelectOptionAsync(new SelectOptionValue { Label = "Blakehill Primary" });
            await page.GetByLabel("Reason").FillAsync(reason);
            await page.GetByLabel("Hours").FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Request grant" }).ClickAsync();
            await Expect(page.Locator(".form-status")).ToContainTextAsync("Grant issued for Blakehill Primary");
            await Expect(page.GetByRole(AriaRole.Cell, new() { Name = reason })).ToBeVisibleAsync();
            await lead.ScreenshotAsync("trust-lead-grants");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open Blakehill Primary" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Blakehill Primary: drill-down" })).ToBeVisibleAsync();
            await Expect(page.Locator(".banner")).ToContainTextAsync("shown to the school's DSL");
            (await page.Locator("main").InnerTextAsync()).ShouldNotContain(DashboardFixture.BlakehillPupil);
            await lead.ScreenshotAsync("trust-lead-drill-down");
            lead.ShouldHaveNoScriptErrors();
        }

        await using var dsl = await BrowserSession.SignInAsync(fixture, "dsl.blakehill");
        await dsl.GoAsync("#/school");
        var grants = dsl.Page.Locator("section", new() { Has = dsl.Page.GetByRole(AriaRole.Heading, new() { Name = "Trust access to your school's detail" }) });
        var row = grants.Locator("tr", new() { HasText = reason });
        await Expect(row).ToContainTextAsync("Trust Safeguarding Lead");
        await Expect(row).ToContainTextAsync("incident list");
        await dsl.ScreenshotAsync("dsl-school-with-grant");

        // The lead revokes the grant from the list (the button sends the grant's version as If-Match): it shows as revoked.
        await using var again = await BrowserSession.SignInAsync(fixture, "trust.lead");
        await again.GoAsync("#/grants");
        var held = again.Page.Locator("tr", new() { HasText = reason });
        await held.GetByRole(AriaRole.Button, new() { Name = "Revoke grant for Blakehill Primary" }).ClickAsync();
        await Expect(held).ToContainTextAsync("revoked");
        await Expect(held.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        again.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task dsl_sees_their_own_incidents_and_an_incident_page_but_no_other_school_and_no_trust_view()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.blakehill");
        var page = browser.Page;
        (await browser.NavLinksAsync()).ShouldBe(["My school", "Report a concern", "My tasks", "Incidents", "Linked cases", "Agencies", "Consent and AUP", "Filter alerts", "Devices", "Filtering standards", "Governor packs", "Governance", "Acceptable use", "Records and audit"]);
        await browser.GoAsync("#/school");
        await Expect(page.Locator(".freshness").First).ToContainTextAsync("as of", new() { IgnoreCase = true });
        // The work queue comes first: the untriaged Blakehill concern, linked, with how long it has waited.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Needs your attention", Level = 2 })).ToBeVisibleAsync();
        var waiting = page.Locator("table.work-queue tbody tr");
        await Expect(waiting).Not.ToHaveCountAsync(0);
        await Expect(waiting.First.GetByRole(AriaRole.Link)).ToBeVisibleAsync();
        await Expect(waiting.First).ToContainTextAsync("Not yet assessed");
        await Expect(page.Locator(".queue")).Not.ToContainTextAsync(DashboardFixture.CaldecoteMarker);
        await browser.ScreenshotAsync("dsl-work-queue");

        await browser.GoAsync("#/incidents");
        var rows = page.Locator("table.incidents tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain(DashboardFixture.CaldecoteMarker);
        await browser.ScreenshotAsync("dsl-incidents");

        await page.GetByLabel("Status").SelectOptionAsync("triaged");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incident: cyberbullying" })).ToBeVisibleAsync();
        foreach (var heading in new[] { "What happened", "Triage", "Actions", "Referrals", "Timeline" })
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = DashboardFixture.BlakehillPupil })).ToBeVisibleAsync();
        await Expect(page.Locator("ol.timeline li")).Not.ToHaveCountAsync(0);
        await browser.ScreenshotAsync("dsl-incident-page");

        foreach (var view in new[] { "#/consent", "#/alerts", "#/devices" })
        {
            await browser.GoAsync(view);
            await Expect(page.Locator("main .state.error")).ToHaveCountAsync(0);
            await Expect(page.Locator(".freshness").First).ToBeVisibleAsync();
        }
        await browser.ScreenshotAsync("dsl-devices");

        await browser.GoAsync("#/trust");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This view is not available for your role.");
        await Expect(page.Locator("table.heatmap")).ToHaveCountAsync(0);
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task dsl_dashboard_fits_a_tablet_and_is_usable_from_the_keyboard_with_every_control_labelled()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.blakehill", BrowserSession.Tablet);
        var page = browser.Page;
        await browser.GoAsync("#/incidents");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0, "the page scrolls sideways on a tablet");
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id || e.name)");
        unlabelled.ShouldBeEmpty();

        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await skip.FocusAsync();
        (await skip.BoundingBoxAsync()).ShouldNotBeNull().X.ShouldBeGreaterThanOrEqualTo(0, "the skip link shows when focused");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "status");
        for (var i = 0; i < 20 && await page.EvaluateAsync<string>("() => document.activeElement.textContent") != "Apply filters"; i++)
            await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Apply filters");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/#/incidents?**");
        await Expect(page.Locator("table.incidents tbody tr")).ToHaveCountAsync(2);
        await browser.ScreenshotAsync("dsl-incidents-tablet");
    }

    [Fact]
    public async Task governor_sees_the_schools_pack_but_no_incident_list()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "governor.blakehill");
        var page = browser.Page;
        (await browser.NavLinksAsync()).ShouldBe(["Governor packs", "Governance", "Acceptable use"]);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Governor pack", Level = 1 })).ToBeVisibleAsync();
        await browser.GoAsync($"#/packs?period={DateTime.UtcNow:yyyy-MM}");
        await Expect(page.Locator(".pack-preview")).ToContainTextAsync("Blakehill");
        await Expect(page.Locator(".freshness").First).ToContainTextAsync("Generated");
        foreach (var format in new[] { "PDF", "CSV", "HTML" })
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Download {format}" })).ToBeVisibleAsync();
        var text = await page.Locator("main").InnerTextAsync();
        text.ShouldNotContain(DashboardFixture.BlakehillPupil);
        await browser.ScreenshotAsync("governor-pack");

        await browser.GoAsync("#/incidents");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This view is not available for your role.");
        await Expect(page.Locator("table.incidents")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task governor_pack_opens_on_the_current_term_and_downloads_the_period_selected_not_the_one_last_shown()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "governor.blakehill");
        var page = browser.Page;
        var now = DateTime.UtcNow;
        var term = now.Month >= 9 ? "Autumn" : now.Month >= 4 ? "Summer" : "Spring";
        await browser.GoAsync("#/packs");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Pack for {term} term {now.Year}" })).ToBeVisibleAsync();

        // Choosing a month shows that month's pack at once, and the download is of what is selected.
        var month = now.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Month").FillAsync(month);
        await page.WaitForURLAsync($"**/#/packs?period={month}");
        await Expect(page.Locator("#preview-h")).Not.ToHaveTextAsync($"Pack for {term} term {now.Year}");
        await Expect(page.GetByLabel("or term")).ToHaveValueAsync("");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"141001-pack-{month}.csv");
        await Expect(page.Locator(".form-status")).ToContainTextAsync("has been downloaded");

        var lastTerm = $"{now.Year - 1}-autumn";
        await page.GetByLabel("or term").SelectOptionAsync(lastTerm);
        await page.WaitForURLAsync($"**/#/packs?period={lastTerm}");
        await Expect(page.Locator("#preview-h")).ToHaveTextAsync($"Pack for Autumn term {now.Year - 1}");
        download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download HTML" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"141001-pack-{lastTerm}.html");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task trust_it_admin_sees_every_schools_device_coverage_and_quiet_sources_not_a_sign_in_hint()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.admin");
        var page = browser.Page;
        await browser.GoAsync("#/devices");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Devices across the trust", Level = 1 })).ToBeVisibleAsync();
        var coverage = page.GetByRole(AriaRole.Region, new() { Name = "Device coverage by school" });
        foreach (var school in TrustSafety.Platform.DemoTrust.Schools)
            await Expect(coverage.GetByRole(AriaRole.Rowheader, new() { Name = school.Name, Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator(".freshness").First).ToContainTextAsync("reporting");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("Sign in with a school");
        await browser.ScreenshotAsync("trust-it-admin-devices");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task it_admin_sees_ingest_sources_with_their_health_and_rejected_records_but_no_safeguarding_data()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.admin");
        var page = browser.Page;
        (await browser.NavLinksAsync()).ShouldBe(["Ingest sources", "Devices", "Staff accounts"]);
        await browser.GoAsync("#/sources");
        var source = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = fixture.SourceName }) });
        await Expect(source).ToContainTextAsync("canonical-json");
        await Expect(source.Locator(".badge")).ToBeVisibleAsync();
        var rejected = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Rejected records" }) });
        await Expect(rejected.Locator("tr", new() { HasText = fixture.SourceName }).First).ToContainTextAsync("occurredAt");
        await browser.ScreenshotAsync("it-admin-sources");

        await browser.GoAsync("#/incidents");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This view is not available for your role.");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task a_visitor_who_has_not_signed_in_is_offered_sign_in_under_a_strict_content_security_policy()
    {
        await using var browser = await BrowserSession.OpenAsync(fixture);
        var response = await browser.Page.GotoAsync("/");
        (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldContain("script-src 'self'");
        await Expect(browser.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("#nav")).ToBeHiddenAsync();
        browser.ShouldHaveNoScriptErrors();
    }
}
