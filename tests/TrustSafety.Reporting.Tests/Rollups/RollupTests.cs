using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.Rollups;

/// <summary>
/// Issue 13: the views read rollups folded as facts arrive. These pin what the rollups must keep right: redeliveries
/// counted once, bounded ranges and pages, a rebuild that gives the same figures while reads go on, the trust's
/// headline totals under suppression, staff allegations for the DSL and headteacher only, and custody by the
/// contract's own values.
/// </summary>
public sealed class RollupTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_report_or_triage_delivered_again_under_another_message_id_is_counted_once()
    {
        var id = Guid.CreateVersion7();
        var at = In(2033, 2);
        await fx.Publish(Reported(StowHeath, at, id: id));
        await fx.Publish(Reported(StowHeath, at, id: id));
        var triage = new IncidentTriaged(id, StowHeath, at.AddHours(3), at, "cyberbullying", "conduct", 3, false);
        await fx.Publish(triage);
        await fx.Publish(triage);
        await fx.Publish(Reported(StowHeath, at.AddDays(1)));

        var summary = await fx.Summary("dsl.stowheath", "2033-02", s => s["figures"]!["reported"].Int() == 2 && s["figures"]!["triage"]!["triaged"].Int() == 1,
            "two incidents, one triaged");
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fx.Publish(Reported(StowHeath, at, id: id))));
        // A later fact proves the redeliveries before it were taken in.
        await fx.Publish(Reported(StowHeath, at.AddDays(2)));
        summary = await fx.Summary("dsl.stowheath", "2033-02", s => s["figures"]!["reported"].Int() >= 3, "the later report");
        summary["figures"]!["reported"].Int().ShouldBe(3, "the first incident counts once however often it was delivered");
        summary["figures"]!["triage"]!["medianHours"]!.GetValue<double>().ShouldBe(3);
        summary["incidents"]!.Find("byCategory", c => c["category"].Str() == "cyberbullying")!["count"]!["value"].Int().ShouldBe(1);
    }

    [Fact]
    public async Task a_trust_overview_over_too_long_a_range_is_refused()
    {
        using var client = await fx.ClientFor("trust.lead");
        (await client.GetAsync("/trust/overview?from=2020-01&to=2026-12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_trust_total_stays_shown_and_another_schools_number_is_withheld_instead()
    {
        for (var i = 0; i < 3; i++) await fx.Publish(Reported(Blakehill, In(2034, 3, 1 + i)));
        for (var i = 0; i < 10; i++) await fx.Publish(Reported(Caldecote, In(2034, 3, 1 + i)));
        await fx.Summary("dsl.blakehill", "2034-03", s => s["figures"]!["reported"].Int() == 3, "Blakehill's three");
        await fx.Summary("dsl.caldecote", "2034-03", s => s["figures"]!["reported"].Int() == 10, "Caldecote's ten");

        var overview = await fx.GetJson("trust.lead", "/trust/overview?from=2034-03&to=2034-03");
        var totals = overview["overview"]!["totals"]!["reported"]!;
        totals["display"].Str().ShouldBe("13", "the trust lead's headline number is shown");
        var schools = overview["overview"]!;
        schools.Find("schools", s => s["urn"].Str() == Blakehill)!["reported"]!["display"].Str().ShouldBe("<5");
        schools.Find("schools", s => s["urn"].Str() == Caldecote)!["reported"]!["display"].Str()
            .ShouldBe("*", "the next smallest school is withheld so that 13 − 10 cannot give Blakehill's 3 away");
    }
}
