using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Testing;

namespace TrustSafety.Reporting.Tests.Rollups;

/// <summary>
/// Issue 13: the views read rollups folded as facts arrive. These pin what the rollups must keep right: redeliveries
/// counted once, bounded ranges and pages, a rebuild that gives the same figures while reads go on, the trust's
/// headline totals under suppression, staff allegations for the DSL and headteacher only, and custody by the
/// contract's own values.
/// </summary>
public sealed class RollupTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private const string Blakehill = "141001";
    private const string Caldecote = "141002";
    private const string StowHeath = "141003";
    private const string Westfield = "141004";

    private static DateTimeOffset In(int year, int month, int day = 10) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static IncidentReported Reported(string school, DateTimeOffset at, string category = "online-hate", bool allegation = false, Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), school, at, at.AddHours(-1), "staff", category, "conduct", allegation);

    private Task<JsonNode> Summary(string user, string month, Func<JsonNode, bool> done, string what) =>
        Eventually.Returns(() => fx.GetJson(user, $"/school/summary?from={month}&to={month}"), done, TimeSpan.FromSeconds(30), what);

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

        var summary = await Summary("dsl.stowheath", "2033-02", s => s["figures"]!["reported"].Int() == 2 && s["figures"]!["triage"]!["triaged"].Int() == 1,
            "two incidents, one triaged");
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => fx.Publish(Reported(StowHeath, at, id: id))));
        // A later fact proves the redeliveries before it were taken in.
        await fx.Publish(Reported(StowHeath, at.AddDays(2)));
        summary = await Summary("dsl.stowheath", "2033-02", s => s["figures"]!["reported"].Int() >= 3, "the later report");
        summary["figures"]!["reported"].Int().ShouldBe(3, "the first incident counts once however often it was delivered");
        summary["figures"]!["triage"]!["medianHours"]!.GetValue<double>().ShouldBe(3);
        summary["incidents"]!.Find("byCategory", c => c["category"].Str() == "cyberbullying")!["count"]!["value"].Int().ShouldBe(1);
    }

    [Theory]
    [InlineData("/school/incidents?page=0", "page")]
    [InlineData("/school/incidents?page=2147483647", "page")]
    [InlineData("/school/incidents?pageSize=0", "pageSize")]
    [InlineData("/school/incidents?pageSize=100000", "pageSize")]
    [InlineData("/school/summary?from=2020-01&to=2026-12", "to")]
    public async Task a_page_or_range_out_of_bounds_is_refused_naming_the_field(string url, string field)
    {
        using var client = await fx.ClientFor("dsl.westfield");
        using var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldContain(field);
    }

    [Fact]
    public async Task a_trust_overview_over_too_long_a_range_is_refused()
    {
        using var client = await fx.ClientFor("trust.lead");
        (await client.GetAsync("/trust/overview?from=2020-01&to=2026-12")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_incident_list_is_paged_on_the_server_newest_first()
    {
        for (var i = 0; i < 7; i++) await fx.Publish(Reported(Westfield, In(2033, 5, 1 + i)));
        await Summary("dsl.westfield", "2033-05", s => s["figures"]!["reported"].Int() == 7, "seven incidents");

        using var client = await fx.ClientFor("dsl.westfield");
        using var first = await client.GetAsync("/school/incidents?from=2033-05&to=2033-05&pageSize=3");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Headers.GetValues("X-Total-Count").Single().ShouldBe("7");
        var next = first.Headers.GetValues("Link").Single();
        next.ShouldContain("page=2");
        var rows = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        rows.Count.ShouldBe(3);
        rows[0]!["reportedAt"]!.GetValue<DateTimeOffset>().Day.ShouldBe(7, "newest first");

        using var last = await client.GetAsync("/school/incidents?from=2033-05&to=2033-05&pageSize=3&page=3");
        JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsArray().Count.ShouldBe(1);
        last.Headers.Contains("Link").ShouldBeFalse("the last page has no next");
    }

    [Fact]
    public async Task the_trust_total_stays_shown_and_another_schools_number_is_withheld_instead()
    {
        for (var i = 0; i < 3; i++) await fx.Publish(Reported(Blakehill, In(2034, 3, 1 + i)));
        for (var i = 0; i < 10; i++) await fx.Publish(Reported(Caldecote, In(2034, 3, 1 + i)));
        await Summary("dsl.blakehill", "2034-03", s => s["figures"]!["reported"].Int() == 3, "Blakehill's three");
        await Summary("dsl.caldecote", "2034-03", s => s["figures"]!["reported"].Int() == 10, "Caldecote's ten");

        var overview = await fx.GetJson("trust.lead", "/trust/overview?from=2034-03&to=2034-03");
        var totals = overview["overview"]!["totals"]!["reported"]!;
        totals["display"].Str().ShouldBe("13", "the trust lead's headline number is shown");
        var schools = overview["overview"]!;
        schools.Find("schools", s => s["urn"].Str() == Blakehill)!["reported"]!["display"].Str().ShouldBe("<5");
        schools.Find("schools", s => s["urn"].Str() == Caldecote)!["reported"]!["display"].Str()
            .ShouldBe("*", "the next smallest school is withheld so that 13 − 10 cannot give Blakehill's 3 away");
    }

    [Fact]
    public async Task allegations_against_staff_are_listed_to_the_dsl_and_headteacher_only_as_in_the_incident_service()
    {
        var allegation = Guid.CreateVersion7();
        await fx.Publish(Reported(Blakehill, In(2035, 1), allegation: true, id: allegation));
        await fx.Publish(Reported(Blakehill, In(2035, 1, 11)));
        await Summary("dsl.blakehill", "2035-01", s => s["figures"]!["reported"].Int() == 2, "both incidents");

        async Task<IReadOnlyList<string>> Listed(string user)
        {
            using var client = await fx.ClientFor(user);
            var rows = await client.GetFromJsonAsync<JsonArray>("/school/incidents?from=2035-01&to=2035-01");
            rows.ShouldNotBeNull();
            return rows.Select(r => r!["id"].Str()).ToList();
        }
        (await Listed("dsl.blakehill")).ShouldContain(allegation.ToString());
        (await Listed("head.blakehill")).ShouldContain(allegation.ToString());
        var deputy = await Listed("deputy.blakehill");
        deputy.Count.ShouldBe(1);
        deputy.ShouldNotContain(allegation.ToString(), "the incident service shows staff allegations to the DSL and headteacher only");

        using var lead = await fx.ClientFor("trust.lead");
        (await lead.PostAsJsonAsync("/grants", new { schoolUrn = Blakehill, reason = "Review of January's incidents", hours = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var granted = await lead.GetFromJsonAsync<JsonNode>("/trust/schools/141001/incidents?from=2035-01&to=2035-01");
        granted.ShouldNotBeNull();
        granted["incidents"]!.AsArray().Select(r => r!["id"].Str()).ShouldNotContain(allegation.ToString());
    }

    [Theory]
    [InlineData(CustodySteps.ReturnedToParent, CustodyStates.NotHeld, 0)]
    [InlineData(CustodySteps.Released, CustodyStates.NotHeld, 0)]
    [InlineData(CustodySteps.ReturnedToParent, null, 0)]
    [InlineData(CustodySteps.Released, null, 0)]
    [InlineData(CustodySteps.HandedToPolice, CustodyStates.WithPolice, 1)]
    public async Task a_device_is_in_custody_until_device_registers_own_step_ends_the_chain(string lastStep, string? state, int held)
    {
        var device = Guid.CreateVersion7();
        var t = DateTimeOffset.UtcNow.AddDays(-3);
        await fx.Publish(new DeviceRegistered(device, Caldecote, t, "phone", null, "pupil-personal"));
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(1), CustodySteps.HandedIn, null, CustodyStates.HandedIn));
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(2), lastStep, null, state));

        await Eventually.True(() => StepsSeen(device), TimeSpan.FromSeconds(30), "the device's custody steps taken in");
        var coverage = await fx.GetJson("it.admin", "/it/coverage");
        InCustody(coverage).ShouldBe(held, $"after {lastStep} ({state ?? "no state"})");
        await ResetDevice(device, t);
    }

    private static int InCustody(JsonNode coverage) => coverage.Find("schools", s => s["urn"].Str() == Caldecote)!["devices"]!["inCustody"].Int();

    private async Task<bool> StepsSeen(Guid device)
    {
        var store = fx.App.Services.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.QuerySession(Caldecote);
        var state = await session.LoadAsync<Reporting.Devices.DeviceState>(device);
        return state is not null && state.Changes.Count(c => c.Kind == "custody") == 2;
    }

    /// <summary>Retires the device, so the next row of the theory starts with no device held.</summary>
    private async Task ResetDevice(Guid device, DateTimeOffset t)
    {
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(5), CustodySteps.Released, null, CustodyStates.NotHeld));
        await Eventually.Returns(() => fx.GetJson("it.admin", "/it/coverage"), c => InCustody(c) == 0, TimeSpan.FromSeconds(30), "the device released");
    }

    [Fact]
    public async Task a_rebuild_from_the_stored_facts_gives_the_same_figures_while_reads_go_on()
    {
        const string Oakmere = "141006";
        var at = In(2036, 4);
        for (var i = 0; i < 6; i++) await fx.Publish(Reported(Oakmere, at.AddDays(i), i % 2 == 0 ? "online-hate" : "cyberbullying"));
        await fx.Publish(new FilterEventsAccepted(Oakmere, at, [new AcceptedFilterBatch(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", at,
            [new(at, "gambling", "commerce", 2, "blocked", "dev-a", null), new(at.AddDays(8), "gambling", "commerce", 2, "blocked", "dev-a", null)])]));
        var before = await Summary("dsl.oakmere", "2036-04", s => s["figures"]!["reported"].Int() == 6 && s["figures"]!["filtering"]!["events"].Int() == 2,
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
