namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 18, point 1 in the browser: the trust's IT administrator invites a member of staff (the e-mail address they sign
/// in with at Microsoft or Google, their school and roles), changes their roles, imports a spreadsheet (a bad row named
/// by its row), removes someone's access, and reads the audit. Problems are shown in the form's words, not role codes.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class GivingStaffAccess(DashboardFixture fixture)
{
    [Fact]
    public async Task trust_it_admin_invites_changes_imports_and_removes_staff_access_and_sees_the_audit()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var email = $"r.okoro.{suffix}@example-trust.org.uk";
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.admin");
        var page = browser.Page;
        (await browser.NavLinksAsync()).ShouldContain("Staff accounts");
        await browser.GoAsync("#/staff-accounts");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff accounts", Level = 1 })).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("/api/");

        await OpenAsync(page, "Invite a member of staff");
        var invite = page.GetByRole(AriaRole.Form, new() { Name = "Invite a member of staff" });
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite them" }).ClickAsync();
        await Expect(invite.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is a problem");
        await Expect(invite.Locator("#invite-email-error")).ToHaveTextAsync("Enter the e-mail address they sign in with.");
        await Expect(invite.Locator("#invite-roles-error")).ToHaveTextAsync("Choose at least one role.");

        await invite.GetByLabel("E-mail they sign in with").FillAsync(email);
        await invite.GetByLabel("Name", new() { Exact = true }).FillAsync($"Rita Okoro {suffix}");
        await invite.GetByLabel("DSL", new() { Exact = true }).CheckAsync();
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite them" }).ClickAsync();
        // A school role without a school: said with the role's name, not its code.
        await Expect(invite.Locator("#invite-school-error")).ToContainTextAsync("DSL work within one school");
        (await invite.Locator("#invite-school-error").InnerTextAsync()).ShouldNotContain("dsl", Case.Sensitive);
        await invite.GetByLabel("School").FillAsync("141003");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Invite them" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"Rita Okoro {suffix} is invited: they can sign in with {email} as DSL at school 141003.");
        var row = page.Locator("table.staff-accounts tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = $"Rita Okoro {suffix}" }) });
        await Expect(row).ToContainTextAsync("Not yet");

        await OpenAsync(page, "Change someone's school or roles");
        var change = page.GetByRole(AriaRole.Form, new() { Name = "Change someone's school or roles" });
        await change.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = $"Rita Okoro {suffix} ({email})" });
        await change.GetByLabel("Headteacher").CheckAsync();
        await change.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"Rita Okoro {suffix} now has DSL, Headteacher at school 141003.");
        await Expect(row).ToContainTextAsync("DSL, Headteacher");

        await OpenAsync(page, "Import a spreadsheet of staff");
        var import = page.GetByRole(AriaRole.Form, new() { Name = "Import a spreadsheet of staff" });
        await import.GetByLabel("Spreadsheet (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "staff.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"email,name,school,roles\nsam.{suffix}@example-trust.org.uk,Sam Hale {suffix},141003,staff\nnot-an-address,Someone,141003,staff\n"),
        });
        await import.GetByRole(AriaRole.Button, new() { Name = "Import the file" }).ClickAsync();
        await Expect(import.Locator("#staff-file-error")).ToContainTextAsync("Row 3: 'not-an-address' is not an e-mail address");
        await import.GetByLabel("Spreadsheet (CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "staff.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"email,name,school,roles\nsam.{suffix}@example-trust.org.uk,Sam Hale {suffix},141003,staff\n"),
        });
        await import.GetByRole(AriaRole.Button, new() { Name = "Import the file" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync("Imported: 1 invited, 0 changed");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"Sam Hale {suffix}" })).ToBeVisibleAsync();

        await OpenAsync(page, "Remove someone's access");
        var remove = page.GetByRole(AriaRole.Form, new() { Name = "Remove someone's access" });
        await remove.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = $"Sam Hale {suffix} (sam.{suffix}@example-trust.org.uk)" });
        await remove.GetByLabel("Reason").FillAsync("Left the trust on 31 August.");
        await remove.GetByRole(AriaRole.Button, new() { Name = "Remove their access" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToContainTextAsync($"Sam Hale {suffix} can no longer sign in.");
        await Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = $"Sam Hale {suffix}" })).ToHaveCountAsync(0);

        var audit = page.Locator("table.staff-audit");
        await Expect(audit.Locator("tr", new() { HasText = "Access removed" }).Filter(new() { HasText = $"sam.{suffix}@" })).ToContainTextAsync("Left the trust on 31 August.");
        await Expect(audit.Locator("tr", new() { HasText = "Changed" }).Filter(new() { HasText = email })).ToBeVisibleAsync();
        await browser.ScreenshotAsync("trust-it-admin-staff-accounts");
        browser.ShouldHaveNoScriptErrors();
    }

    [Fact]
    public async Task a_school_it_admin_is_not_offered_staff_accounts()
    {
        await using var browser = await BrowserSession.SignInAsync(fixture, "it.blakehill");
        (await browser.NavLinksAsync()).ShouldNotContain("Staff accounts");
        browser.ShouldHaveNoScriptErrors();
    }

    private static async Task OpenAsync(IPage page, string summary)
    {
        var details = page.Locator("details", new() { Has = page.Locator("summary", new() { HasText = summary }) });
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").ClickAsync();
    }
}
