using TrustSafety.Contracts.Consent;
using static TrustSafety.Reporting.Tests.Fixtures.StandardsGivens;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.PrintingGovernorPack;

public sealed class PrintingGovernorPackApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private const string PupilId = "PUPIL-7731-SECRET";
    private const string DeviceRef = "devref-secret-99";

    private async Task SeedBlakehillOctober2029()
    {
        var t = new DateTimeOffset(2029, 10, 8, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3; i++)
            await fx.Publish(new IncidentReported(Guid.CreateVersion7(), Blakehill, t.AddDays(i), t, "staff", "cyberbullying", "conduct", false));
        await fx.Publish(new ConsentGiven(Blakehill, t, PupilId, "photography", 1, new DateOnly(2099, 1, 1)));
        await fx.Publish(new FilterEventsAccepted(Blakehill, t, [new AcceptedFilterBatch(Guid.CreateVersion7(), Guid.NewGuid(), "netsweeper", t,
            [new(t, "adult-content", "content", 2, "blocked", DeviceRef, PupilId)])]));
        await Eventually.True(async () =>
        {
            var s = await fx.GetJson("dsl.blakehill", "/school/summary?from=2029-10&to=2029-10");
            return s["figures"]!["reported"].Int() == 3 && s["figures"]!["filtering"]!["events"].Int() == 1;
        }, TimeSpan.FromSeconds(20), "Blakehill's October 2029 events taken in");
    }

    [Fact]
    public async Task a_governor_pack_names_no_pupil_and_suppresses_small_numbers_in_html_and_csv()
    {
        await SeedBlakehillOctober2029();
        using var governor = await fx.ClientFor("governor.blakehill");

        var html = await governor.GetStringAsync("/packs/school?period=2029-10&format=html");
        html.ShouldContain("Blakehill Primary");
        html.ShouldContain("&lt;5");
        html.ShouldNotContain(PupilId);
        html.ShouldNotContain(DeviceRef);
        html.ShouldNotContain(">3<", Case.Sensitive, "three incidents is a small number");

        using var csvResponse = await governor.GetAsync("/packs/school?period=2029-autumn&format=csv");
        csvResponse.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await csvResponse.Content.ReadAsStringAsync();
        csv.ShouldStartWith("section,label,value");
        csv.ShouldContain("Incidents reported by category,Cyberbullying,<5", Case.Sensitive, "a governor reads the category's name, not its code");
        csv.ShouldContain("Incidents reported by month,October 2029,<5");
        csv.ShouldNotContain(PupilId);
        csv.ShouldNotContain(DeviceRef);
    }

    [Fact]
    public async Task a_pack_prints_to_pdf_and_every_export_is_audited_for_the_school()
    {
        using var dsl = await fx.ClientFor("dsl.blakehill");
        using var response = await dsl.GetAsync("/packs/school?period=2029-11&format=pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");

        var exports = (await fx.GetJson("dsl.blakehill", "/exports")).AsArray();
        exports.ShouldContain(e => e!["period"].Str() == "2029-11" && e["format"].Str() == "pdf" && e["pack"].Str() == "school");
        (await fx.GetJson("dsl.caldecote", "/exports")).AsArray().ShouldNotContain(e => e!["period"].Str() == "2029-11");
    }

    [Fact]
    public async Task the_trust_board_pack_is_for_the_trust_lead_and_audited_at_trust_level()
    {
        using var lead = await fx.ClientFor("trust.lead");
        var html = await lead.GetStringAsync("/packs/trust?period=2029-spring");
        html.ShouldContain("Trust board pack");
        html.ShouldContain("Westfield School");
        (await fx.GetJson("trust.lead", "/exports")).AsArray().ShouldContain(e => e!["pack"].Str() == "trust-board" && e["period"].Str() == "2029-spring");

        using var governor = await fx.ClientFor("governor.blakehill");
        (await governor.GetAsync("/packs/trust?period=2029-spring")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("staff.blakehill", "/packs/school?period=2029-10")]
    [InlineData("governor.blakehill", "/school/summary")]
    public async Task a_governor_sees_packs_only_and_staff_no_packs(string user, string url)
    {
        using var client = await fx.ClientFor(user);
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_pack_with_a_bad_period_or_format_names_each_field()
    {
        using var governor = await fx.ClientFor("governor.blakehill");
        using var response = await governor.GetAsync("/packs/school?period=winter&format=docx");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["period", "format"], ignoreOrder: true);
    }

    [Fact]
    public async Task the_governor_pack_shows_the_review_checklist_with_its_roles_and_each_action_not_done()
    {
        using var head = await fx.ClientFor("dsl.westfield");
        var etag = (await head.GetAsync("/standards")).Headers.ETag!.Tag;
        await Write(head, HttpMethod.Post, "/standards/reviews", Review("2026-09-20", "Mostly met", filterTested: false), etag);

        var pack = await (await fx.ClientFor("dsl.westfield")).GetStringAsync("/packs/school?period=2029-10&format=csv");
        pack.ShouldContain("Annual review checklist,\"7 of 8 done; reviewed by A. Head (SLT), B. Dsl (DSL) and C. Tech (IT provider) (IT)");
        pack.ShouldContain("Run the SWGfL test on the guest Wi-Fi by October");
    }
}
