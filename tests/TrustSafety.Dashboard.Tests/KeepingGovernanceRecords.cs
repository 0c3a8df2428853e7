namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 16's governance records in the browser: a DSL puts staff on the training register, records a training session
/// and sees the annual audit change; adds and approves a policy; a governor reads the same records without forms.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class KeepingGovernanceRecords(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_records_a_training_session_and_sees_the_annual_audit_change()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/governance");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Governance", Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("/api/");

        foreach (var (id, name) in new[] { ($"ana-{suffix}", $"Ana {suffix}"), ($"bo-{suffix}", $"Bo {suffix}") })
        {
            await page.GetByText("Add a member of staff or governor", new() { Exact = true }).ClickAsync();
            var add = page.GetByRole(AriaRole.Form, new() { Name = "Add a member of staff or governor" });
            await add.GetByLabel("Their id").FillAsync(id);
            await add.GetByLabel("Name").FillAsync(name);
            await add.GetByRole(AriaRole.Button, new() { Name = "Add the person" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync($"{name} is on the training register.");
        }
        var prevent = page.Locator("table.training-audit tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Prevent" }) });
        var before = int.Parse(await prevent.Locator("td").Nth(1).InnerTextAsync());

        await page.GetByText("Record a training session", new() { Exact = true }).ClickAsync();
        var session = page.GetByRole(AriaRole.Form, new() { Name = "Record a training session" });
        // Nothing chosen: the training and the attendees are named as missing, and nothing is recorded.
        await session.GetByRole(AriaRole.Button, new() { Name = "Record the session" }).ClickAsync();
        await Expect(session.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(session.Locator("#session-kind-error")).ToContainTextAsync("Choose the training");
        await Expect(session.Locator("#session-attendees-error")).ToBeVisibleAsync();

        await session.GetByLabel("Training").SelectOptionAsync(new SelectOptionValue { Label = "Prevent" });
        await session.GetByLabel("Provider").FillAsync("Home Office e-learning");
        await session.GetByLabel($"Ana {suffix} (Staff)").CheckAsync();
        await session.GetByLabel($"Bo {suffix} (Staff)").CheckAsync();
        await session.GetByRole(AriaRole.Button, new() { Name = "Record the session" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Training recorded for 2 people.");
        await Expect(prevent.Locator("td").Nth(1)).ToHaveTextAsync((before + 2).ToString());
        await browser.ScreenshotAsync("dsl-governance-training-audit");

        await page.GetByText("Add a policy to the register", new() { Exact = true }).ClickAsync();
        var policy = page.GetByRole(AriaRole.Form, new() { Name = "Add a policy to the register" });
        await policy.GetByRole(AriaRole.Button, new() { Name = "Add the policy" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("is on the register.");
        await Expect(page.Locator("main")).ToContainTextAsync("not yet approved");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task governor_reads_the_training_audit_and_policy_register_without_forms()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "governor.blakehill");
        var page = browser.Page;
        await browser.GoAsync("#/governance");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Training", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Annual training audit");
        (await page.Locator("main form").CountAsync()).ShouldBe(0, "governors oversee; the safeguarding team records");
        await browser.ScreenshotAsync("governor-governance");
        browser.ShouldHaveNoScriptErrors();
    }
}
