using TrustSafety.Platform;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.Digest;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Digest;

/// <summary>
/// Issue 14.5, the optional daily digest: at the chosen time in school time, one email per opted-in person per school
/// day with counts only and a link to their queue; nothing to report, no email; once per person per day however many
/// passes, restarts or replicas. Real PostgreSQL, RabbitMQ and SMTP server; a fake clock moved to the digest time.
/// </summary>
public sealed class DailyDigestTests(DigestFixture fixture) : IClassFixture<DigestFixture>
{
    private const string Blakehill = NotificationsFixture.Blakehill;
    private const string Caldecote = NotificationsFixture.Caldecote;

    private static Guid DigestEmail(DateOnly day, string user) => NotificationsFixture.DeliveryId($"daily-digest:{day:yyyy-MM-dd}:{user}", user);

    private DailyDigest AnotherReplicasDigest() => new(fixture.Store,
        fixture.App.Services.GetRequiredService<IOptionsMonitor<NotificationsOptions>>(), fixture.App.Services.GetRequiredService<TrustSchools>(), fixture.Clock);

    [Fact]
    public async Task an_opted_in_dsl_gets_one_digest_of_counts_at_their_time_each_school_day_and_someone_with_nothing_gets_none()
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example", dailyDigest = true });
        var staff = await fixture.PreferencesAsync("staff.blakehill",
            new { email = "staff@blakehill.example", urgentEmails = false, dailyDigest = true, digestTime = "07:00" });
        await fixture.PreferencesAsync("deputy.blakehill", new { email = "deputy@blakehill.example" });

        var now = fixture.Clock.GetUtcNow();
        var waiting = new IncidentReported(Guid.NewGuid(), Blakehill, now, now, "staff-report", "cyberbullying", "contact", false);
        var triaged = waiting with { IncidentId = Guid.NewGuid() };
        var overdue = new ReferralMade(triaged.IncidentId, Guid.NewGuid(), Blakehill, now, "childrens-social-care",
            new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 2));
        // Published again until recorded: a fresh host's queues may not be bound yet, and a repeat is the redelivery the
        // consumers already fold into one (same notice keys, same watches).
        await Eventually.True(async () =>
        {
            await fixture.Bus.Publish(waiting);
            await fixture.Bus.Publish(triaged);
            await fixture.Bus.Publish(new IncidentTriaged(triaged.IncidentId, Blakehill, now, now, "cyberbullying", "contact", 3, false));
            await fixture.Bus.Publish(overdue);
            await using var query = fixture.Store.QuerySession(Blakehill);
            var watches = await query.LoadManyAsync<ConcernWatch>(waiting.IncidentId, triaged.IncidentId);
            return watches.Count == 2 && watches.Count(w => w.Reported && !w.Triaged) == 1;
        }, TimeSpan.FromSeconds(60), "the concerns and the triage recorded");
        await Eventually.True(async () =>
        {
            await using var query = fixture.Store.QuerySession(Blakehill);
            return await query.LoadAsync<Notifications.Reminders.ReferralWatch>(overdue.ReferralId) is { RemindedAt: not null };
        }, TimeSpan.FromSeconds(30), "the overdue referral's reminder recorded");

        // Before their time: nothing decided, nothing sent.
        var digest = AnotherReplicasDigest();
        fixture.MoveTo(new DateTime(2026, 12, 7, 7, 29, 0));
        (await digest.SendAsync(CancellationToken.None)).ShouldBe(0);
        var monday = new DateOnly(2026, 12, 7);
        fixture.Mailbox.With(DigestEmail(monday, dsl)).ShouldBeEmpty();

        var unread = await UnreadAsync("dsl.blakehill");
        fixture.MoveTo(new DateTime(2026, 12, 7, 7, 31, 0));
        (await digest.SendAsync(CancellationToken.None)).ShouldBeLessThanOrEqualTo(1, "this pass, or the elected replica's own");
        await Eventually.True(() => Task.FromResult(fixture.Mailbox.With(DigestEmail(monday, dsl)).Count == 1),
            TimeSpan.FromSeconds(30), "the DSL's digest on the SMTP server");
        var message = fixture.Mailbox.With(DigestEmail(monday, dsl)).Single();
        message.To.ToString().ShouldContain("dsl@blakehill.example");
        message.Subject.ShouldBe("TrustSafety: your daily summary (Blakehill Primary)");
        var body = message.TextBody!;
        body.ShouldContain("Concerns awaiting triage: 1");
        body.ShouldContain("Referrals with an overdue outcome: 1");
        body.ShouldContain("Tasks given to you, due today or overdue: 0");
        body.ShouldContain($"Unread notifications: {unread}");
        body.ShouldContain("https://safeguarding.three-rivers.test/#/school");
        body.ShouldContain("Monday 7 December 2026");
        foreach (var secret in new[] { waiting.IncidentId.ToString(), triaged.IncidentId.ToString(), "cyberbullying", "childrens-social-care" })
            body.ShouldNotContain(secret, Case.Insensitive);

        // Staff opted in too, but nothing needs their attention: the day is decided, with no email.
        await Eventually.True(async () =>
        {
            await using var query = fixture.Store.QuerySession(Blakehill);
            return await query.LoadAsync<DigestDay>(DigestDay.IdFor(staff, monday)) is { Emailed: false };
        }, TimeSpan.FromSeconds(30), "the staff member's empty day decided");
        fixture.Mailbox.Received.ShouldNotContain(m => m.To.ToString().Contains("staff@blakehill.example"));
        fixture.Mailbox.Received.ShouldNotContain(m => m.To.ToString().Contains("deputy@blakehill.example") && m.Subject!.Contains("daily summary"));

        // Later passes, a restarted or second replica: still one email that day.
        (await digest.SendAsync(CancellationToken.None)).ShouldBe(0);
        (await AnotherReplicasDigest().SendAsync(CancellationToken.None)).ShouldBe(0);

        // Tuesday: two replicas' passes at once and the elected loop, still one email.
        var tuesday = monday.AddDays(1);
        fixture.MoveTo(new DateTime(2026, 12, 8, 7, 30, 0));
        var sent = await Task.WhenAll(digest.SendAsync(CancellationToken.None), AnotherReplicasDigest().SendAsync(CancellationToken.None));
        sent.Sum().ShouldBeLessThanOrEqualTo(1);
        await Eventually.True(async () =>
        {
            await using var query = fixture.Store.QuerySession(Blakehill);
            return await query.LoadAsync<EmailDelivery>(DigestEmail(tuesday, dsl)) is { Status: DeliveryStatus.Sent };
        }, TimeSpan.FromSeconds(30), "Tuesday's digest sent");
        fixture.Mailbox.With(DigestEmail(tuesday, dsl)).Count.ShouldBe(1);
        fixture.Mailbox.With(DigestEmail(monday, dsl)).Count.ShouldBe(1);

        // Saturday is not a school day.
        fixture.MoveTo(new DateTime(2026, 12, 12, 9, 0, 0));
        (await digest.SendAsync(CancellationToken.None)).ShouldBe(0);
        await using (var query = fixture.Store.QuerySession(Blakehill))
            (await query.LoadAsync<DigestDay>(DigestDay.IdFor(dsl, new DateOnly(2026, 12, 12)))).ShouldBeNull();
    }

    [Fact]
    public async Task the_digest_preference_is_off_by_default_saved_with_its_time_and_refused_without_an_address_or_with_a_bad_time()
    {
        var view = await GetAsync("dsl.caldecote", "/preferences");
        view.GetProperty("dailyDigest").GetBoolean().ShouldBeFalse();
        view.GetProperty("digestTime").GetString().ShouldBe("07:30");

        using var client = await fixture.ClientFor("dsl.caldecote");
        using (var noAddress = await client.PutAsJsonAsync("/preferences", new { urgentEmails = false, dailyDigest = true }))
        {
            noAddress.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await noAddress.Content.ReadAsStringAsync()).ShouldContain("email is required to receive the daily digest");
        }
        using (var badTime = await client.PutAsJsonAsync("/preferences", new { email = "dsl@caldecote.example", dailyDigest = true, digestTime = "7.30am" }))
        {
            badTime.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await badTime.Content.ReadAsStringAsync()).ShouldContain("digestTime");
        }
        (await GetAsync("dsl.caldecote", "/preferences")).GetProperty("dailyDigest").GetBoolean().ShouldBeFalse("a refused change changes nothing");

        using (var saved = await client.PutAsJsonAsync("/preferences", new { email = "dsl@caldecote.example", dailyDigest = true, digestTime = "16:45" }))
        {
            var body = await saved.Content.ReadAsStringAsync();
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        }
        view = await GetAsync("dsl.caldecote", "/preferences");
        view.GetProperty("dailyDigest").GetBoolean().ShouldBeTrue();
        view.GetProperty("digestTime").GetString().ShouldBe("16:45");
        (await GetAsync("deputy.caldecote", "/preferences")).GetProperty("dailyDigest").GetBoolean().ShouldBeFalse("each person's own choice");
        using (var off = await client.PutAsJsonAsync("/preferences", new { email = "dsl@caldecote.example" }))
            off.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> GetAsync(string user, string path)
    {
        using var client = await fixture.ClientFor(user);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<int> UnreadAsync(string user) => (await GetAsync(user, "/notifications")).GetProperty("unread").GetInt32();
}
