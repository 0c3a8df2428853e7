using System.Collections.Concurrent;
using MassTransit;
using MimeKit;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.SendingEmail;

/// <summary>Integration events published on the real broker reach the safeguarding team by email on a real SMTP server.</summary>
public sealed class EmailTests(NotificationsFixture fixture) : IClassFixture<NotificationsFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private async Task<(string Dsl, string Deputy, string Head)> TeamAsync(object? dslAway = null, string deputyCover = "WhenDslUnavailable")
    {
        var dsl = await fixture.PreferencesAsync("dsl.blakehill", new { email = "dsl@blakehill.example", urgentEmails = true, awayUntil = dslAway });
        var deputy = await fixture.PreferencesAsync("deputy.blakehill", new { email = "deputy@blakehill.example", urgentEmails = true, deputyCover });
        var head = await fixture.PreferencesAsync("head.blakehill", new { email = "head@blakehill.example", urgentEmails = true });
        return (dsl, deputy, head);
    }

    private async Task<MimeMessage> EmailAsync(string noticeKey, string recipient) =>
        (await Eventually.Returns(() => Task.FromResult(fixture.Mailbox.With(NotificationsFixture.DeliveryId(noticeKey, recipient))),
            m => m.Count > 0, Deadline, $"an email for {noticeKey} to {recipient}"))[0];

    private async Task<HashSet<Guid>> DeliveryIdsAsync() =>
        [.. (await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?pageSize=200")).GetProperty("items").EnumerateArray()
            .Select(d => d.GetProperty("id").GetGuid())];

    private static string Everything(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static SafeguardingAlertRaised SelfHarmAlert(string school = NotificationsFixture.Blakehill) => new(
        Guid.NewGuid(), school, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(-1), "smoothwall", Guid.NewGuid(),
        "self-harm", "content", 5, "allowed", "https://forum.example/threads/ways-to-hurt-yourself", "how to hurt myself without anyone knowing",
        Guid.NewGuid(), "pupil-7f3a9c", "10.1.2.3");

    [Fact]
    public async Task a_self_harm_alert_is_emailed_to_the_dsl_at_once_without_pupil_pseudonym_url_search_term_or_category()
    {
        var team = await TeamAsync();
        var alert = SelfHarmAlert();

        await fixture.Bus.Publish(alert);

        var email = await EmailAsync($"safeguarding-alert:{alert.AlertId}", team.Dsl);
        email.To.Mailboxes.Single().Address.ShouldBe("dsl@blakehill.example");
        email.Subject!.ShouldContain("immediate attention");
        var text = Everything(email);
        text.ShouldContain("https://safeguarding.three-rivers.test/#/alerts");
        foreach (var secret in new[] { alert.UserRef!, alert.SearchTerm!, alert.Url!, alert.DeviceId!.ToString()!, alert.SourceIp!, "self-harm",
                     alert.AlertId.ToString(), "smoothwall" })
            text.ShouldNotContain(secret, Case.Insensitive, $"the email carries case detail: {secret}");
        // The deputy covers only when no DSL can be reached (queued with the DSL's email, in one transaction, or never).
        (await DeliveryIdsAsync()).ShouldNotContain(NotificationsFixture.DeliveryId($"safeguarding-alert:{alert.AlertId}", team.Deputy));
    }

    [Fact]
    public async Task a_new_concern_reported_by_staff_is_emailed_to_the_dsl_with_a_link_and_no_category()
    {
        var team = await TeamAsync();
        var reported = new IncidentReported(Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            "staff", "grooming-exploitation", "contact", AllegationAgainstStaff: false);

        await fixture.Bus.Publish(reported);

        var email = await EmailAsync($"incident-reported:{reported.IncidentId}", team.Dsl);
        var text = Everything(email);
        text.ShouldContain($"https://safeguarding.three-rivers.test/#/incidents/{reported.IncidentId}");
        text.ShouldContain("Blakehill Primary");
        text.ShouldNotContain("grooming", Case.Insensitive);
    }

    [Fact]
    public async Task the_same_alert_redelivered_and_republished_is_still_one_email_per_recipient()
    {
        var team = await TeamAsync(deputyCover: "Always");
        var alert = SelfHarmAlert();
        var consumed = new Consumptions();
        using var _ = fixture.Bus.ConnectConsumeObserver(consumed);
        var messageId = Guid.NewGuid();

        await fixture.Bus.Publish(alert, c => c.MessageId = messageId);
        await fixture.Bus.Publish(alert, c => c.MessageId = messageId);
        await fixture.Bus.Publish(alert, c => c.MessageId = Guid.NewGuid());
        await Eventually.True(() => Task.FromResult(consumed.Of(alert.AlertId) == 3), Deadline, "all three deliveries consumed");

        var key = $"safeguarding-alert:{alert.AlertId}";
        await EmailAsync(key, team.Dsl);
        await EmailAsync(key, team.Deputy);
        // The relay has the mail a moment before the send loop records it: wait for the record.
        var mine = await Eventually.Returns(async () => (await fixture.GetJsonAsync("dsl.blakehill", "/deliveries?pageSize=200"))
            .GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("id").GetGuid() == NotificationsFixture.DeliveryId(key, team.Dsl)
                || d.GetProperty("id").GetGuid() == NotificationsFixture.DeliveryId(key, team.Deputy)).ToList(),
            m => m.Count == 2 && m.All(d => d.GetProperty("status").GetString() == "sent"), Deadline, "both emails recorded as sent");
        mine.Count.ShouldBe(2);
        // Every message was consumed and both emails recorded as sent: nothing more can be on its way.
        fixture.Mailbox.With(NotificationsFixture.DeliveryId(key, team.Dsl)).Count.ShouldBe(1);
        fixture.Mailbox.With(NotificationsFixture.DeliveryId(key, team.Deputy)).Count.ShouldBe(1);
        (await DeliveryIdsAsync()).ShouldNotContain(NotificationsFixture.DeliveryId(key, team.Head));
    }

    [Fact]
    public async Task an_out_of_office_dsls_email_goes_to_the_deputy()
    {
        var team = await TeamAsync(dslAway: DateTimeOffset.UtcNow.AddDays(3));
        var alert = SelfHarmAlert();

        await fixture.Bus.Publish(alert);

        var key = $"safeguarding-alert:{alert.AlertId}";
        (await EmailAsync(key, team.Deputy)).To.Mailboxes.Single().Address.ShouldBe("deputy@blakehill.example");
        (await DeliveryIdsAsync()).ShouldNotContain(NotificationsFixture.DeliveryId(key, team.Dsl));
    }

    [Fact]
    public async Task an_allegation_against_staff_is_emailed_to_the_dsl_and_headteacher_never_the_deputy()
    {
        var team = await TeamAsync(deputyCover: "Always");
        var reported = new IncidentReported(Guid.NewGuid(), NotificationsFixture.Blakehill, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            "staff", "staff-misuse", "conduct", AllegationAgainstStaff: true);

        await fixture.Bus.Publish(reported);

        var key = $"incident-reported:{reported.IncidentId}";
        await EmailAsync(key, team.Dsl);
        var head = await EmailAsync(key, team.Head);
        Everything(head).ShouldNotContain("allegation", Case.Insensitive);
        (await DeliveryIdsAsync()).ShouldNotContain(NotificationsFixture.DeliveryId(key, team.Deputy));
    }

    [Fact]
    public async Task a_school_with_nobody_receiving_email_is_reported_to_the_trust_lead()
    {
        var lead = await fixture.PreferencesAsync("trust.lead", new { email = "lead@three-rivers.example" });
        var alert = SelfHarmAlert(NotificationsFixture.Caldecote);

        await fixture.Bus.Publish(alert);

        var key = $"nobody-receiving:{NotificationsFixture.Caldecote}:safeguarding-alert:{alert.AlertId}";
        var email = await EmailAsync(key, lead);
        Everything(email).ShouldNotContain(alert.UserRef!);
        var centre = await fixture.GetJsonAsync("trust.lead", "/notifications?pageSize=200");
        centre.GetProperty("items").EnumerateArray().ShouldContain(n =>
            n.GetProperty("kind").GetString() == "nobody-receiving" && n.GetProperty("title").GetString()!.Contains("Caldecote Primary"));
        var caldecote = await fixture.GetJsonAsync("dsl.caldecote", "/notifications?pageSize=200");
        caldecote.GetProperty("items").EnumerateArray().ShouldContain(n => n.GetProperty("kind").GetString() == "safeguarding-alert");
    }

    private sealed class Consumptions : IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> _counts = new();
        public int Of(Guid alertId) => _counts.GetValueOrDefault(alertId);
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;
        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is SafeguardingAlertRaised alert) _counts.AddOrUpdate(alert.AlertId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
