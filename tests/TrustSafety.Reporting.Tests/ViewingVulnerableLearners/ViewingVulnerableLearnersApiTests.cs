using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ViewingVulnerableLearners;

public sealed class ViewingVulnerableLearnersApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private static VulnerabilityContextCounted Counted(string school, string month, int revision, int incidents, int lookedAfter, int send) =>
        new(school, DateTimeOffset.UtcNow, month, revision, incidents, lookedAfter, 0, send, 0, 0, 0, 0);

    [Fact]
    public async Task vulnerable_learner_counts_from_rabbitmq_reach_the_trust_lead_suppressed_the_latest_revision_standing_and_no_school_user_reads_them()
    {
        // Published through RabbitMQ as incident's forwarder does; the older revision arrives last and must not win.
        await fx.Publish(Counted(Blakehill, "2032-05", 2, incidents: 20, lookedAfter: 3, send: 6));
        await fx.Publish(Counted(Caldecote, "2032-05", 1, incidents: 30, lookedAfter: 9, send: 0));
        await fx.Publish(Counted(Blakehill, "2032-05", 1, incidents: 19, lookedAfter: 0, send: 5));

        var view = await Eventually.Returns(() => fx.GetJson("trust.lead", "/trust/vulnerable-learners?from=2032-05&to=2032-05"),
            v => v["trust"]!["incidents"]!["value"]?.GetValue<int>() == 50, TimeSpan.FromSeconds(60), "both schools' counts in the trust view");
        JsonNode Share(string urn, string context) => (urn == "trust" ? view["trust"]! : view.Find("schools", s => s["urn"].Str() == urn)!)
            .Find("contexts", c => c["context"].Str() == context)!;

        Share(Blakehill, "looked-after")["count"]!["display"].Str().ShouldBe("<5");
        Share(Blakehill, "looked-after")["percent"].ShouldBeNull();
        Share(Caldecote, "looked-after")["count"]!["display"].Str().ShouldBe("*");
        Share("trust", "looked-after")["count"]!["display"].Str().ShouldBe("12");
        Share(Blakehill, "send")["count"]!["display"].Str().ShouldBe("6");
        Share(Blakehill, "send")["percent"]!.GetValue<double>().ShouldBe(30.0);
        view.ToJsonString().ShouldNotContain("pupil", Case.Insensitive);

        using var dsl = await fx.ClientFor("dsl.blakehill");
        (await dsl.GetAsync("/trust/vulnerable-learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var governor = await fx.ClientFor("governor.blakehill");
        (await governor.GetAsync("/trust/vulnerable-learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
