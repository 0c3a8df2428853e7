using TrustSafety.Platform;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Tests.Notices;

public sealed class NoticeRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static SafeguardingAlertRaised Alert(string category, int severity) => new(Guid.NewGuid(), "141001", Now, Now, "smoothwall",
        Guid.NewGuid(), category, "content", severity, "blocked", "https://x.example/", "search words", Guid.NewGuid(), "pupil-9", "10.0.0.1");

    [Theory]
    [InlineData("self-harm", 3, Urgency.Immediate, true)]
    [InlineData("illegal-iwf", 2, Urgency.Immediate, true)]
    [InlineData("illegal-ctiru", 1, Urgency.Immediate, true)]
    [InlineData("adult-content", 5, Urgency.Immediate, true)]
    [InlineData("adult-content", 4, Urgency.High, true)]
    [InlineData("adult-content", 3, Urgency.Routine, false)]
    public void an_alert_is_emailed_at_once_when_severe_illegal_or_self_harm(string category, int severity, Urgency urgency, bool email)
    {
        var notice = NoticeRules.For(Alert(category, severity));
        notice.Urgency.ShouldBe(urgency);
        notice.Email.ShouldBe(email);
        notice.Audience.ShouldBe(Audience.SafeguardingTeam);
    }

    [Theory]
    [InlineData("staff", false, true, Audience.SafeguardingTeam, Urgency.High)]
    [InlineData("staff", true, true, Audience.AllegationReaders, Urgency.Immediate)]
    [InlineData("filter-alert", false, false, Audience.SafeguardingTeam, Urgency.High)]
    public void a_new_concern_is_emailed_unless_its_alert_already_was(string source, bool allegation, bool email, Audience audience, Urgency urgency)
    {
        var notice = NoticeRules.For(new IncidentReported(Guid.NewGuid(), "141001", Now, Now, source, "cyberbullying", "conduct", allegation));
        notice.Email.ShouldBe(email);
        notice.Audience.ShouldBe(audience);
        notice.Urgency.ShouldBe(urgency);
    }

    [Fact]
    public void the_same_fact_always_has_the_same_notice_id_whatever_message_carried_it()
    {
        var alert = Alert("self-harm", 5);
        NoticeRules.IdOf(NoticeRules.For(alert).Key).ShouldBe(NoticeRules.IdOf(NoticeRules.For(alert with { OccurredAt = Now.AddHours(1) }).Key));
        NoticeRules.IdOf("a").ShouldNotBe(NoticeRules.IdOf("b"));
    }

    [Fact]
    public void an_email_never_carries_the_notice_title_category_vendor_or_alert_detail()
    {
        var alert = Alert("self-harm", 5);
        var notice = NoticeRules.For(alert);
        var (subject, body) = EmailComposer.Compose(notice, "Dee Ess-Ell", "https://ts.example/", TrustSchools.Demo);
        var text = subject + body;
        foreach (var secret in new[] { notice.Title, "self-harm", "smoothwall", "pupil-9", "search words", "https://x.example/", alert.AlertId.ToString() })
            text.ShouldNotContain(secret, Case.Insensitive);
        text.ShouldContain("https://ts.example/#/alerts");
        text.ShouldContain("Blakehill Primary");
        text.ShouldContain("Immediate");
    }

    [Fact]
    public void an_email_names_the_school_from_the_trusts_configured_list_not_the_demo_trust()
    {
        // A real trust's academy (not one of the demo six): before the one school list, the email said "school 150123".
        var trust = new TrustSchools { Name = "North Vale Academies", Schools = [new("150123", "North Vale Primary", "northvale", 420)] };
        var notice = NoticeRules.For(Alert("self-harm", 5)) with { SchoolUrn = "150123" };
        var (_, body) = EmailComposer.Compose(notice, "Dee Ess-Ell", "https://ts.example/", trust);
        body.ShouldContain("School: North Vale Primary");
        EmailComposer.SchoolName("150999", trust).ShouldBe("school 150999");
        EmailComposer.SchoolName(NoticeRules.TrustTenant, trust).ShouldBe("the trust");
    }

    [Fact]
    public void an_unattributed_alert_is_the_trust_leads()
    {
        var notice = NoticeRules.For(new UnattributedAlertRaised(Guid.NewGuid(), "trust", Now, Now, "smoothwall", Guid.NewGuid(), "illegal-iwf", "content", 5, "blocked"));
        notice.SchoolUrn.ShouldBe(NoticeRules.TrustTenant);
        notice.Audience.ShouldBe(Audience.TrustLead);
        notice.Email.ShouldBeTrue();
    }

    [Theory]
    [InlineData(false, Audience.SafeguardingTeam)]
    [InlineData(true, Audience.AllegationReaders)]
    public void immediate_danger_is_the_most_urgent_notice_and_is_emailed_at_once(bool allegationAgainstStaff, Audience audience)
    {
        var incidentId = Guid.NewGuid();
        var notice = NoticeRules.For(new ImmediateDangerRaised(incidentId, "141001", Now, EmergencyServicesCalled: false, allegationAgainstStaff));

        notice.Urgency.ShouldBe(Urgency.Immediate);
        notice.Email.ShouldBeTrue();
        notice.Audience.ShouldBe(audience);
        notice.SchoolUrn.ShouldBe("141001");
        notice.Title.ShouldContain("999");
        notice.LinkPath.ShouldBe($"#/incidents/{incidentId}");
        notice.Key.ShouldBe($"immediate-danger:{incidentId}");
    }
}
