using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.DeviceRegister;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ReadModels;

public sealed class ReadModelTests(ClockedReportingFixture fx) : IClassFixture<ClockedReportingFixture>
{
    /// <summary>The service's clock, pinned for the class: no day or month boundary falls between the events and the query.</summary>
    private DateTimeOffset Now => fx.Clock.GetUtcNow();
    private string Month => Now.ToString("yyyy-MM");
    private string From => Now.AddDays(-21).ToString("yyyy-MM");

    [Fact]
    public async Task every_kind_of_integration_event_reaches_the_schools_figures_once_whatever_the_order()
    {
        var t = Now.AddDays(-20);
        var (i1, i2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (r1, r2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var (d1, d2) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var today = DateOnly.FromDateTime(Now.UtcDateTime);

        await fx.Publish(new IncidentTriaged(i1, Westfield, t.AddHours(4), t, "cyberbullying", "conduct", 3, false)); // before its report
        await fx.Publish(new IncidentReported(i1, Westfield, t, t, "staff", null, null, false));
        await fx.Publish(new IncidentReported(i2, Westfield, t.AddHours(1), t, "filter-alert", "online-hate", "content", false));
        await fx.Publish(new IncidentClosed(i2, Westfield, t.AddDays(2), "resolved"));
        await fx.Publish(new ReferralOutcomeRecorded(i1, r2, Westfield, t.AddDays(3), "police", "no further action")); // before its referral
        await fx.Publish(new ReferralMade(i1, r2, Westfield, t.AddDays(1), "police", DateOnly.FromDateTime(t.UtcDateTime), today.AddDays(-1)));
        await fx.Publish(new ReferralMade(i1, r1, Westfield, t.AddDays(1), "lado", DateOnly.FromDateTime(t.UtcDateTime), today.AddDays(-1)));

        var batchId = Guid.CreateVersion7();
        var batch = new FilterEventsAccepted(Westfield, t, [new AcceptedFilterBatch(batchId, Guid.Parse("0195f5d2-0000-7000-8000-000000000001"), "smoothwall", t,
        [
            new(t, "adult-content", "content", 2, "blocked", "dev-hash-1", "usr-hash-1"),
            new(t, "adult-content", "content", 2, "blocked", "dev-hash-1", null),
            new(t.AddDays(8), "gambling", "commerce", 1, "blocked", "dev-hash-1", null),
            new(t.AddDays(8), "adult-content", "content", 2, "blocked", "dev-hash-2", null),
            new(t.AddDays(9), "self-harm", "content", 4, "allowed", null, null),
            new(t.AddDays(9), "adult-content", "content", 2, "blocked", null, null),
        ])]);
        var batchMessage = Guid.NewGuid();
        await fx.Publish(batch, batchMessage);
        await fx.Publish(batch, batchMessage);
        await fx.Publish(new SafeguardingAlertRaised(Guid.CreateVersion7(), Westfield, t.AddDays(9), t.AddDays(9), "smoothwall", batch.Batches[0].SourceId,
            "self-harm", "content", 4, "allowed", "https://example.invalid", null, d1, "usr-hash-1", null));

        await fx.Publish(new ConsentWithdrawn(Westfield, t.AddDays(5), "P-2", "photography")); // after the consent, delivered first
        await fx.Publish(new ConsentGiven(Westfield, t, "P-1", "photography", 1, today.AddYears(1)));
        await fx.Publish(new ConsentGiven(Westfield, t, "P-2", "photography", 1, today.AddYears(1)));
        await fx.Publish(new AupSigned(Westfield, t.AddDays(4), "P-1", AupAudiences.Pupil, Guid.NewGuid(), 2, t.AddDays(4)));
        await fx.Publish(new AupLapsed(Westfield, t, "P-1", AupAudiences.Pupil, Guid.NewGuid(), 1, "new version")); // older, delivered later

        await fx.Publish(new DeviceRegistered(d1, Westfield, t, "laptop", "WF-001"));
        await fx.Publish(new DeviceAssigned(d1, Westfield, t.AddMinutes(1), "pupil", "P-1", false));
        await fx.Publish(new DeviceNetworkIdentityChanged(d1, Westfield, t.AddMinutes(2), "ip", "10.0.0.5", t, null, "pupil", "P-1"));
        await fx.Publish(new DeviceCustodyChanged(d1, Westfield, t.AddDays(9), "quarantined", i1));
        await fx.Publish(new DeviceRetired(d2, Westfield, t.AddDays(1), "broken")); // before its registration
        await fx.Publish(new DeviceRegistered(d2, Westfield, t, "tablet", "WF-002"));

        var summary = await Eventually.Returns(() => fx.GetJson("dsl.westfield", $"/school/summary?from={From}&to={Month}"), s =>
        {
            var f = s["figures"]!;
            return f["reported"].Int() == 2 && f["filtering"]!["events"].Int() == 6 && f["filtering"]!["alerts"].Int() == 1
                && f["referrals"]!.AsArray().Count == 2 && f["referrals"]!.AsArray().Sum(r => r!["withOutcome"].Int()) == 1
                && f["consent"]!.AsArray().Count == 1 && f["consent"]![0]!["active"].Int() == 1
                && f["aup"]!.AsArray().Count == 1 && f["devices"]!["retired"].Int() == 1 && f["devices"]!["inCustody"].Int() == 1
                && f["devices"]!["withNetworkIdentity"].Int() == 1 && f["closed"].Int() == 1 && f["triage"]!["triaged"].Int() == 1;
        }, TimeSpan.FromSeconds(30), "every event in Westfield's figures");

        var figures = summary["figures"]!;
        figures["open"]!["open"].Int().ShouldBe(1);
        figures["triage"]!["medianHours"]!.GetValue<double>().ShouldBe(4);
        figures["referralsOverdue"].Int().ShouldBe(1, "the LADO referral is past due without an outcome; the police one has its outcome");
        figures["aup"]![0]!["signed"].Int().ShouldBe(1, "the later signature wins over an older lapse delivered after it");
        figures["devices"]!["active"].Int().ShouldBe(1);
        figures["devices"]!["assigned"].Int().ShouldBe(1);
        figures["filtering"]!["topCategories"]![0]!["key"].Str().ShouldBe("adult-content");
        var repeat = figures["repeatSubjects"]!.AsArray().ShouldHaveSingleItem()!;
        repeat["ref"].Str().ShouldBe("dev-hash-1");
        repeat["weeks"].Int().ShouldBe(2);
        summary["incidents"]!.Find("byCategory", c => c["category"].Str() == "cyberbullying")!["count"]!["value"].Int().ShouldBe(1);

        var overview = await fx.GetJson("trust.lead", $"/trust/overview?from={From}&to={Month}");
        var row = overview["overview"]!.Find("schools", s => s["urn"].Str() == Westfield)!;
        row["reported"]!["display"].Str().ShouldBe("<5");
        row["alertsPer100Pupils"].ShouldBeNull("a rate over a suppressed count would give the count away");
        var pattern = overview["overview"]!["repeatPatterns"]!.AsArray().ShouldHaveSingleItem()!;
        pattern["subject"].Str().ShouldStartWith("S-");
        overview.ToJsonString().ShouldNotContain("dev-hash-1");

        var coverage = await fx.GetJson("it.admin", "/it/coverage");
        var source = coverage.Find("schools", s => s["urn"].Str() == Westfield)!["sources"]!.AsArray().ShouldHaveSingleItem()!;
        source["events"].Int().ShouldBe(6, "a redelivered batch is counted once");
        source["vendor"].Str().ShouldBe("smoothwall");
    }

    [Fact]
    public async Task every_view_says_how_fresh_it_is()
    {
        await fx.Publish(new IncidentReported(Guid.CreateVersion7(), "141006", Now, Now, "staff", "other", null, false));
        var summary = await Eventually.Returns(() => fx.GetJson("dsl.oakmere", "/school/summary"),
            s => s["asOf"]!["asOf"] is JsonValue, TimeSpan.FromSeconds(20), "Oakmere's summary has a freshness");
        summary["asOf"]!["lastProcessedAt"].ShouldNotBeNull();
        summary["asOf"]!["lagSeconds"].ShouldNotBeNull();
    }
}
