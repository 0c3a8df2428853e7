using static TrustSafety.Reporting.Tests.Fixtures.StandardsGivens;

namespace TrustSafety.Reporting.Tests.RecordingFilteringStandards;

public sealed class RecordingFilteringStandardsApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task standards_evidence_is_recorded_by_the_school_seen_by_its_governor_and_by_no_other_school()
    {
        using var dsl = await fx.ClientFor("dsl.caldecote");
        var etag = (await dsl.GetAsync("/standards")).Headers.ETag!.Tag;
        etag = await Write(dsl, HttpMethod.Put, "/standards/responsibilities", new { sltMember = "A. Head (deputy head)", governor = "B. Governor" }, etag);
        etag = await Write(dsl, HttpMethod.Post, "/standards/reviews", Review("2026-09-15", "Meets the standard; YouTube restricted mode on"), etag);
        await Write(dsl, HttpMethod.Post, "/standards/decisions", Decision("allow", "bbc.co.uk/bitesize", "Curriculum use", "2026-09-16"), etag);

        var evidence = await fx.GetJson("governor.caldecote", "/standards");
        evidence["sltMember"].Str().ShouldBe("A. Head (deputy head)");
        evidence["reviews"]!.AsArray().ShouldHaveSingleItem()!["nextReviewDue"].Str().ShouldBe("2027-09-15");
        evidence["decisions"]!.AsArray().ShouldContain(d => d!["reason"].Str() == "Curriculum use" && d["approvedBy"].Str() == "A. Okafor, DSL");

        (await fx.GetJson("dsl.stowheath", "/standards"))["sltMember"].ShouldBeNull();
        var trust = (await fx.GetJson("trust.lead", "/trust/standards")).AsArray();
        trust.Single(s => s!["urn"].Str() == "141002")!["sltMemberNamed"]!.GetValue<bool>().ShouldBeTrue();
        trust.Single(s => s!["urn"].Str() == "141003")!["reviewOverdue"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task bad_standards_evidence_names_every_field_and_changes_nothing()
    {
        using var dsl = await fx.ClientFor("dsl.wodensfield");
        using var response = await dsl.PostAsJsonAsync("/standards/decisions", new { kind = "maybe", what = "", reason = (string?)null, decidedOn = "2099-01-01" });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["kind", "what", "reason", "decidedOn", "requestedBy", "approvedBy"], ignoreOrder: true);
        (await fx.GetJson("dsl.wodensfield", "/standards"))["decisions"]!.AsArray().ShouldBeEmpty();

        using var governor = await fx.ClientFor("governor.blakehill");
        (await governor.PutAsJsonAsync("/standards/responsibilities", new { sltMember = "x", governor = "y" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_annual_review_needs_the_slt_dsl_and_it_participants_and_every_checklist_item_answered()
    {
        using var dsl = await fx.ClientFor("dsl.wodensfield");
        var etag = (await dsl.GetAsync("/standards")).Headers.ETag!.Tag;
        using var response = await Send(dsl, HttpMethod.Post, "/standards/reviews", new
        {
            reviewedOn = "2026-09-15", outcome = "Partial",
            participants = new { slt = "A. Head" },
            checklist = new object[] { new { item = "roles-assigned", done = true }, new { item = "filter-tested", done = false }, new { item = "made-up", done = true } },
        }, etag);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["participants.dsl", "participants.it", "checklist[1].note", "checklist[2].item", "checklist"], ignoreOrder: true);
        (await fx.GetJson("dsl.wodensfield", "/standards"))["reviews"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_standards_write_without_if_match_gets_428_and_changes_nothing()
    {
        using var dsl = await fx.ClientFor("dsl.oakmere");
        using var response = await Send(dsl, HttpMethod.Put, "/standards/responsibilities", new { sltMember = "C. Deputy", governor = "D. Governor" }, null);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"].Str().ShouldContain("If-Match");
        (await fx.GetJson("dsl.oakmere", "/standards"))["sltMember"].ShouldBeNull();
    }

    [Fact]
    public async Task a_standards_write_on_a_stale_version_gets_412_with_the_current_version_and_changes_nothing()
    {
        using var dsl = await fx.ClientFor("dsl.blakehill");
        using var head = await fx.ClientFor("head.blakehill");
        var read = (await dsl.GetAsync("/standards")).Headers.ETag!.Tag;
        var current = await Write(head, HttpMethod.Post, "/standards/decisions", Decision("block", "proxy-sites", "Bypass attempts", "2026-09-16"), read);

        using var stale = await Send(dsl, HttpMethod.Post, "/standards/decisions", Decision("allow", "proxy-sites", "Changed my mind", "2026-09-17"), read);

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var problem = JsonNode.Parse(await stale.Content.ReadAsStringAsync())!;
        problem["currentVersion"]!.GetValue<long>().ShouldBe(long.Parse(current.Trim('"'), System.Globalization.CultureInfo.InvariantCulture));
        var evidence = await fx.GetJson("dsl.blakehill", "/standards");
        evidence["decisions"]!.AsArray().ShouldHaveSingleItem()!["kind"].Str().ShouldBe("block");
        await Write(dsl, HttpMethod.Post, "/standards/decisions", Decision("allow", "proxy-sites", "Changed my mind", "2026-09-17"), current);
    }
}
