namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 14.5, the optional daily digest: a member of the safeguarding team turns it on at their own time from the
/// Notifications page's email settings; without an address the form says so next to the address. Caldecote's deputy, whose
/// email settings no other test reads (the demo trust has deputies only at Blakehill and Caldecote).
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ChoosingTheDailyDigest(DashboardFixture fixture)
{
    [Fact]
    public async Task a_deputy_turns_on_the_daily_digest_at_their_time_from_the_notifications_page()
    {
        await using (var deputy = await BrowserSession.SignInAsync(fixture, "deputy.caldecote"))
        {
            var page = deputy.Page;
            await deputy.GoAsync("#/notifications");
            await page.GetByText("Your email settings", new() { Exact = true }).First.ClickAsync();
            var digest = page.GetByLabel("Send me a daily digest");
            await Expect(digest).Not.ToBeCheckedAsync();
            await Expect(page.GetByLabel("Digest time (UK time)")).ToHaveValueAsync("07:30");

            await page.GetByLabel("Email me at once").UncheckAsync();
            await digest.CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save email settings" }).ClickAsync();
            await Expect(page.Locator("#pref-email-error")).ToBeVisibleAsync();

            await page.GetByLabel("Your email address").FillAsync("deputy@caldecote.example");
            await page.GetByLabel("Digest time (UK time)").FillAsync("16:45");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save email settings" }).ClickAsync();
            await Expect(page.Locator("form[aria-label='Your email settings'] .form-status"))
                .ToContainTextAsync("Your daily digest comes at 16:45");
            await deputy.ScreenshotAsync("deputy-daily-digest-settings");
            // Saving again from the same page: the page keeps what the service answered (it once lost it and said
            // "Something went wrong" after every save, and the next save failed).
            await Expect(page.GetByText("Something went wrong")).ToHaveCountAsync(0);
            await page.GetByLabel("Digest time (UK time)").FillAsync("17:05");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save email settings" }).ClickAsync();
            await Expect(page.Locator("form[aria-label='Your email settings'] .form-status"))
                .ToContainTextAsync("Your daily digest comes at 17:05");
            deputy.ShouldHaveNoScriptErrors();
        }

        using var api = await fixture.ApiFor("deputy.caldecote");
        var saved = await api.GetFromJsonAsync<JsonElement>("api/notifications/preferences");
        saved.GetProperty("dailyDigest").GetBoolean().ShouldBeTrue();
        saved.GetProperty("digestTime").GetString().ShouldBe("17:05");
        saved.GetProperty("email").GetString().ShouldBe("deputy@caldecote.example");
        saved.GetProperty("urgentEmails").GetBoolean().ShouldBeFalse();
    }
}
