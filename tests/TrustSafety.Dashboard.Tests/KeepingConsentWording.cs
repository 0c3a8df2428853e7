namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 16 in the browser: the safeguarding team keeps the school's consent types — adds one of its own, publishes a new
/// version of its wording (parents answer again), and changes how it works. Oakmere only, so other tests' schools stay as seeded.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class KeepingConsentWording(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_adds_a_consent_type_publishes_a_new_wording_version_and_makes_it_opt_out()
    {
        var suffix = string.Concat(Guid.NewGuid().ToByteArray().Take(5).Select(b => (char)('a' + b % 26)));
        var name = $"Video of the school play {suffix}";
        await using var browser = await BrowserSession.SignInAsync(fixture, "dsl.oakmere");
        var page = browser.Page;
        await browser.GoAsync("#/consent");
        var standard = page.GetByRole(AriaRole.Button, new() { Name = "Add the standard consent types" });
        if (await standard.CountAsync() > 0)
        {
            await standard.ClickAsync();
            await Expect(page.Locator(".flash")).ToContainTextAsync("consent types added.");
        }
        var types = page.GetByRole(AriaRole.Table, new() { Name = "Consent types" });
        await Expect(types).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("/api/");

        await page.GetByText("Add a consent type", new() { Exact = true }).ClickAsync();
        var define = page.GetByRole(AriaRole.Form, new() { Name = "Add a consent type" });
        await define.GetByLabel("Name").FillAsync(name);
        await Expect(define.GetByLabel("Short code")).ToHaveValueAsync($"video-of-the-school-play-{suffix}");
        await define.GetByLabel("It is about photographs or video of the pupil").CheckAsync();
        await define.GetByRole(AriaRole.Button, new() { Name = "Add the consent type" }).ClickAsync();
        await Expect(define.Locator("#type-wording-error")).ToContainTextAsync("Give the wording guardians agree to");
        await define.GetByLabel("Wording").FillAsync("I agree that my child may appear in the video of the school play, shared with families of the cast.");
        await define.GetByRole(AriaRole.Button, new() { Name = "Add the consent type" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"{name} is a consent type, with its wording as version 1.");
        var row = types.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name }) });
        await Expect(row).ToContainTextAsync("Version 1");
        await Expect(row).ToContainTextAsync("Parents opt in");

        await page.GetByText("Publish new wording", new() { Exact = true }).ClickAsync();
        var wording = page.GetByRole(AriaRole.Form, new() { Name = "Publish new wording" });
        await wording.GetByLabel("Consent type").SelectOptionAsync(new SelectOptionValue { Label = name });
        await Expect(wording.GetByLabel("New wording")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^I agree that my child"));
        await wording.GetByLabel("New wording").FillAsync("I agree that my child may appear in the video of the school play, shared only with families of the cast through the school app.");
        await wording.GetByRole(AriaRole.Button, new() { Name = "Publish the wording" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"{name}: wording version 2 published.");
        await Expect(row).ToContainTextAsync("Version 2");
        await Expect(row).ToContainTextAsync("through the school app");

        await page.GetByText("Change how a consent type works", new() { Exact = true }).ClickAsync();
        var settings = page.GetByRole(AriaRole.Form, new() { Name = "Change how a consent type works" });
        await settings.GetByLabel("Consent type").SelectOptionAsync(new SelectOptionValue { Label = name });
        await settings.GetByLabel("Parents opt out (allowed unless they say no)").CheckAsync();
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"{name}: parents opt out; asked again each academic year.");
        await Expect(row).ToContainTextAsync("Parents opt out");
        await browser.ScreenshotAsync("dsl-consent-types-and-wording");
        browser.ShouldHaveNoScriptErrors();
    }
}
