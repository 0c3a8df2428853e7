using Dapper;
using Npgsql;
using TrustSafety.Reporting.RebuildingRollups;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.RebuildingRollups;

/// <summary>
/// Issue 13: the views read rollups folded as facts arrive. These pin what the rollups must keep right: redeliveries
/// counted once, bounded ranges and pages, a rebuild that gives the same figures while reads go on, the trust's
/// headline totals under suppression, staff allegations for the DSL and headteacher only, and custody by the
/// contract's own values.
/// </summary>
public sealed class RebuildingRollupsTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task a_rebuild_from_the_stored_facts_gives_the_same_figures_while_reads_go_on()
    {
        const string Oakmere = "141006";
        var at = In(2036, 4);
        for (var i = 0; i < 6; i++) await fx.Publish(Reported(Oakmere, at.AddDays(i), i % 2 == 0 ? "online-hate" : "cyberbullying"));
        await fx.Publish(new FilterEventsAccepted(Oakmere, at, [new AcceptedFilterBatch(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", at,
            [new(at, "gambling", "commerce", 2, "blocked", "dev-a", null), new(at.AddDays(8), "gambling", "commerce", 2, "blocked", "dev-a", null)])]));
        var before = await fx.Summary("dsl.oakmere", "2036-04", s => s["figures"]!["reported"].Int() == 6 && s["figures"]!["filtering"]!["events"].Int() == 2,
            "Oakmere's incidents and filter events");

        var db = fx.App.Services.GetRequiredService<NpgsqlDataSource>();
        await using (var connection = await db.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("delete from reporting.rpt_count where school = @s", new { s = Oakmere });
            await connection.ExecuteAsync("update reporting.rpt_school_month set reported = 999 where school = @s", new { s = Oakmere });
        }
        (await fx.GetJson("dsl.oakmere", "/school/summary?from=2036-04&to=2036-04"))["figures"]!["reported"].Int().ShouldBe(999, "the rollup was damaged");

        using var reads = new CancellationTokenSource();
        var reading = Task.Run(async () =>
        {
            var served = 0;
            while (!reads.IsCancellationRequested)
            {
                await fx.GetJson("dsl.oakmere", "/school/summary?from=2036-04&to=2036-04");
                served++;
            }
            return served;
        });
        var rebuild = fx.App.Services.GetRequiredService<RollupRebuild>();
        var report = (await rebuild.Rebuild([Oakmere], CancellationToken.None)).ShouldHaveSingleItem();
        await reads.CancelAsync();
        (await reading).ShouldBeGreaterThan(0, "reads kept being served during the rebuild");
        report.Incidents.ShouldBe(6);
        report.Batches.ShouldBe(1);

        var after = await fx.GetJson("dsl.oakmere", "/school/summary?from=2036-04&to=2036-04");
        Figures(after).ShouldBe(Figures(before));
    }

    private static string Figures(JsonNode summary)
    {
        var copy = JsonNode.Parse(summary.ToJsonString())!;
        copy.AsObject().Remove("asOf");
        return copy.ToJsonString();
    }
}
