using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.ReadingNotifications;

/// <summary>The in-app notification centre, called from outside with real tokens: own school, own role, own read marks.</summary>
public sealed class NotificationCentreTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private async Task<JsonElement> CentreAsync(string user) => await fixture.GetJsonAsync(user, "/notifications?pageSize=200");

    private static JsonElement? Find(JsonElement centre, Guid id) =>
        centre.GetProperty("items").EnumerateArray().Where(n => n.GetProperty("id").GetGuid() == id).Cast<JsonElement?>().FirstOrDefault();

    private async Task<Guid> AlertAsync(string school)
    {
        var alert = new SafeguardingAlertRaised(Guid.NewGuid(), school, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "lightspeed", Guid.NewGuid(),
            "illegal-iwf", "content", 5, "blocked", "https://blocked.example/", null, null, "pupil-11", null);
        await fixture.Bus.Publish(alert);
        var id = Notifications.Notices.NoticeRules.IdOf($"safeguarding-alert:{alert.AlertId}");
        await Eventually.True(async () => Find(await CentreAsync(DslOf(school)), id) is not null, TimeSpan.FromSeconds(30),
            "the alert in the DSL's notification centre");
        return id;
    }

    private static string DslOf(string school) => school == NotificationsFixture.Blakehill ? "dsl.blakehill" : "dsl.caldecote";

    [Fact]
    public async Task the_dsl_sees_a_new_alert_as_unread_and_marking_it_read_lowers_only_their_own_unread_count()
    {
        var id = await AlertAsync(NotificationsFixture.Blakehill);
        var before = await CentreAsync("dsl.blakehill");
        Find(before, id)!.Value.GetProperty("read").GetBoolean().ShouldBeFalse();
        Find(before, id)!.Value.GetProperty("urgency").GetString().ShouldBe("Immediate");
        Find(before, id)!.Value.GetProperty("link").GetString().ShouldBe("https://safeguarding.three-rivers.test/#/alerts");
        var deputyBefore = (await CentreAsync("deputy.blakehill")).GetProperty("unread").GetInt32();

        using var dsl = await fixture.ClientFor("dsl.blakehill");
        (await dsl.PostAsync($"/notifications/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await dsl.PostAsync($"/notifications/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = await CentreAsync("dsl.blakehill");
        Find(after, id)!.Value.GetProperty("read").GetBoolean().ShouldBeTrue();
        after.GetProperty("unread").GetInt32().ShouldBe(before.GetProperty("unread").GetInt32() - 1);
        (await CentreAsync("deputy.blakehill")).GetProperty("unread").GetInt32().ShouldBe(deputyBefore);
    }

    [Fact]
    public async Task another_schools_dsl_neither_sees_nor_can_mark_a_notification_and_gets_404()
    {
        var id = await AlertAsync(NotificationsFixture.Blakehill);

        Find(await CentreAsync("dsl.caldecote"), id).ShouldBeNull();
        using var caldecote = await fixture.ClientFor("dsl.caldecote");
        (await caldecote.PostAsync($"/notifications/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A client-sent school header changes nothing: the school is the token's.
        using var spoof = new HttpRequestMessage(HttpMethod.Get, "/notifications?pageSize=200");
        spoof.Headers.Add("X-School-Urn", NotificationsFixture.Blakehill);
        spoof.Headers.Add("X-Tenant-Id", NotificationsFixture.Blakehill);
        var body = await (await caldecote.SendAsync(spoof)).Content.ReadAsStringAsync();
        body.ShouldNotContain(id.ToString());
        Find(await CentreAsync("trust.lead"), id).ShouldBeNull();
    }

    [Fact]
    public async Task an_allegation_is_shown_to_the_dsl_and_headteacher_but_not_to_the_deputy_or_staff()
    {
        var reported = new IncidentReported(Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            "staff", "staff-misuse", "conduct", AllegationAgainstStaff: true);
        await fixture.Bus.Publish(reported);
        var id = Notifications.Notices.NoticeRules.IdOf($"incident-reported:{reported.IncidentId}");
        await Eventually.True(async () => Find(await CentreAsync("dsl.blakehill"), id) is not null, TimeSpan.FromSeconds(30), "allegation notice");

        Find(await CentreAsync("head.blakehill"), id).ShouldNotBeNull();
        Find(await CentreAsync("deputy.blakehill"), id).ShouldBeNull();
        using var deputy = await fixture.ClientFor("deputy.blakehill");
        (await deputy.PostAsync($"/notifications/{id}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var staff = await CentreAsync("staff.blakehill");
        staff.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task a_bad_page_or_bad_preferences_are_refused_naming_the_field_and_change_nothing()
    {
        using var dsl = await fixture.ClientFor("deputy.blakehill");
        var page = await dsl.GetAsync("/notifications?pageSize=500");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("pageSize");

        (await dsl.PutAsJsonAsync("/preferences", new { email = "deputy@blakehill.example", deputyCover = "Always" })).EnsureSuccessStatusCode();
        var bad = await dsl.PutAsJsonAsync("/preferences", new { email = "Deputy <deputy@blakehill.example>, x@y.z", awayUntil = DateTimeOffset.UtcNow.AddDays(-1) });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        problem.TryGetProperty("email", out _).ShouldBeTrue();
        problem.TryGetProperty("awayUntil", out _).ShouldBeTrue();
        var saved = await fixture.GetJsonAsync("deputy.blakehill", "/preferences");
        saved.GetProperty("email").GetString().ShouldBe("deputy@blakehill.example");
        saved.GetProperty("deputyCover").GetString().ShouldBe("Always");

        using var staff = await fixture.ClientFor("staff.blakehill");
        // Any member of staff sets their own address (for what is meant for them, e.g. a task); a governor has none here.
        (await staff.PutAsJsonAsync("/preferences", new { email = "staff@blakehill.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var governor = await fixture.ClientFor("governor.blakehill");
        (await governor.PutAsJsonAsync("/preferences", new { email = "gov@blakehill.example" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetAsync("/preferences/school")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await staff.GetAsync("/deliveries")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await dsl.GetAsync("/deliveries")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
