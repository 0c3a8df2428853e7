namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// Issue 14 (points 3, 4, 6 and the notification centre): the DSL gives a colleague a task from an incident; the task
/// shows in the DSL's work queue; the colleague is told in the header's notification centre, sees the task in "My tasks"
/// (with its count in the navigation), completes it; the DSL sees it done, then corrects the pupil named wrongly (14.2). Caldecote, so Blakehill's seeded counts stay.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TheDslsWorkingDay(DashboardFixture fixture)
{
    [Fact]
    public async Task dsl_gives_a_colleague_a_task_who_is_notified_completes_it_and_the_dsl_sees_it_done()
    {
        using var api = await fixture.ApiFor("dsl.caldecote");
        var reported = await api.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-2), whatHappened = "Year 4 pupil shown a frightening video on a phone at break.",
            where = new { site = "on-site", device = "personal-device" }, howItCameToLight = "Pupil told the lunchtime supervisor",
            people = new[] { new { role = "child-victim", pupilId = "P-CAL-TASK-1" } },
        });
        reported.EnsureSuccessStatusCode();
        var incidentId = (await reported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        const string what = "Speak to the pupil's class teacher about how the pupil seems this week";
        // The incident page's reads (the incident, the roster's names) answered once before the browser's 5-second waits,
        // so a service still warming up on a loaded machine is not mistaken for a page that never renders.
        (await api.GetAsync($"api/incident/incidents/{incidentId}")).EnsureSuccessStatusCode();
        (await api.GetAsync("api/consent/pupils?id=P-CAL-TASK-1")).Dispose();

        await using (var dsl = await BrowserSession.SignInAsync(fixture, "dsl.caldecote"))
        {
            var page = dsl.Page;
            await dsl.GoAsync($"#/incidents/{incidentId}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Tasks", Exact = true, Level = 2 })).ToBeVisibleAsync();
            await page.GetByText("Give a colleague a task", new() { Exact = true }).ClickAsync();
            var task = page.GetByRole(AriaRole.Form, new() { Name = "Give a colleague a task" });
            var colleague = task.GetByLabel("Colleague");
            await Expect(colleague.Locator("optgroup[label='Staff'] option")).Not.ToHaveCountAsync(0);

            // Nothing chosen: the form's words, not the service's field names.
            await task.GetByRole(AriaRole.Button, new() { Name = "Give the task" }).ClickAsync();
            await Expect(task.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose the colleague who will do it");
            await Expect(task.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say what they should do");
            await Expect(task.GetByRole(AriaRole.Alert)).Not.ToContainTextAsync("assigneeId");
            await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "task-assigneeId");
            await dsl.ScreenshotAsync("dsl-task-needs-a-colleague");

            await colleague.SelectOptionAsync(await fixture.Identity.SubjectOfAsync("staff.caldecote"));
            await task.GetByLabel("What they should do").FillAsync(what);
            await task.GetByLabel("Due by").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd"));
            await task.GetByRole(AriaRole.Button, new() { Name = "Give the task" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("Task given. They have been told.");
            var tasks = page.GetByRole(AriaRole.Table, new() { Name = "Tasks given to colleagues" });
            await Expect(tasks).ToContainTextAsync(what);
            await Expect(tasks).ToContainTextAsync("Due today");

            // The work queue shows the task due today, with the count beside "My school".
            await dsl.GoAsync("#/school");
            await Expect(page.Locator(".queue")).ToContainTextAsync(what);
            await Expect(page.Locator(".queue")).ToContainTextAsync("Alerts not yet looked at");
            await Expect(page.Locator("#nav-count-school")).ToBeVisibleAsync();
            await dsl.ScreenshotAsync("dsl-work-queue-with-tasks");
            dsl.ShouldHaveNoScriptErrors();
        }

        // The colleague's notification arrives through RabbitMQ: wait for it at the API, then look in the browser.
        using var staffApi = await fixture.ApiFor("staff.caldecote");
        await Eventually.True(async () =>
        {
            var centre = await staffApi.GetFromJsonAsync<JsonElement>("api/notifications/notifications?pageSize=50");
            return centre.GetProperty("items").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == "task-assigned");
        }, TimeSpan.FromSeconds(30), "the colleague's task notice");

        await using (var staff = await BrowserSession.SignInAsync(fixture, "staff.caldecote"))
        {
            var page = staff.Page;
            var bell = page.Locator("#notifications-link");
            await Expect(bell).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^Notifications, \d+ unread$"));
            await Expect(page.Locator("#nav-count-tasks")).ToContainTextAsync("1");
            await bell.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
            var notice = page.Locator("ul.notifications li.unread", new() { HasText = "You have been given a task" });
            await Expect(notice).ToHaveCountAsync(1);
            await staff.ScreenshotAsync("staff-notification-centre");
            await notice.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mark read") }).ClickAsync();
            await Expect(page.Locator("ul.notifications li.unread", new() { HasText = "You have been given a task" })).ToHaveCountAsync(0);
            await Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications, none unread");

            await staff.GoAsync("#/tasks");
            var mine = page.Locator("ul.tasks li", new() { HasText = what });
            await Expect(mine).ToContainTextAsync("Due today");
            await mine.GetByText("Mark this task done").ClickAsync();
            await mine.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
            await Expect(mine.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say what was done");
            await mine.GetByLabel("What was done").FillAsync("Spoke to the class teacher; the pupil is settled and knows who to talk to.");
            await mine.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("Task marked done. The DSL can see it on the incident.");
            await Expect(page.Locator("ul.tasks li", new() { HasText = what })).ToHaveCountAsync(0);
            await staff.ScreenshotAsync("staff-task-done");
            staff.ShouldHaveNoScriptErrors();
        }

        await using (var dsl = await BrowserSession.SignInAsync(fixture, "dsl.caldecote"))
        {
            await dsl.GoAsync($"#/incidents/{incidentId}");
            var tasks = dsl.Page.GetByRole(AriaRole.Table, new() { Name = "Tasks given to colleagues" });
            await Expect(tasks).ToContainTextAsync("the pupil is settled");
            await Expect(dsl.Page.Locator("ol.timeline")).ToContainTextAsync("task completed");

            // Issue 14.2: the pupil was named wrongly; the DSL corrects the record, choosing the right pupil by name.
            await RunningTheIncidentLog.CaldecoteRosterAsync(fixture, "Hattie Ng");
            var page = dsl.Page;
            await page.GetByText("Correct the people involved", new() { Exact = true }).ClickAsync();
            var correction = page.GetByRole(AriaRole.Form, new() { Name = "Correct the people involved" });
            await correction.GetByLabel("Correct a person named wrongly").CheckAsync();
            await correction.GetByRole(AriaRole.Button, new() { Name = "Record the correction" }).ClickAsync();
            await Expect(correction.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say why the record is corrected");
            await correction.GetByLabel("Which person").SelectOptionAsync("0");
            await correction.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Pupil harmed or affected" });
            var picker = correction.GetByRole(AriaRole.Combobox, new() { Name = "Pupil" });
            await picker.FillAsync("hatt");
            await Expect(correction.Locator(".pupil-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
            await picker.PressAsync("ArrowDown");
            await picker.PressAsync("Enter");
            await Expect(picker).ToHaveValueAsync("Hattie Ng");
            await correction.GetByLabel("Why").FillAsync("The supervisor gave the wrong pupil; it was Hattie Ng.");
            await correction.GetByRole(AriaRole.Button, new() { Name = "Record the correction" }).ClickAsync();
            await Expect(page.Locator(".flash")).ToHaveTextAsync("The people involved have been corrected.");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "People involved" })).ToContainTextAsync("Hattie Ng");
            await Expect(page.Locator("ol.timeline")).ToContainTextAsync("Person 1 corrected (child-victim): The supervisor gave the wrong pupil");
            await dsl.ScreenshotAsync("dsl-people-corrected");
            dsl.ShouldHaveNoScriptErrors();
        }
    }
}
