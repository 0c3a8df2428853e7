using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TrustSafety.Contracts.Consent;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Reporting.Tests.Packs;

public sealed class PackAndStandardsTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private const string Blakehill = "141001";
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

    private static object Decision(string kind, string what, string reason, string decidedOn) =>
        new { kind, what, reason, decidedOn, requestedBy = "J. Smith, Year 9 history", approvedBy = "A. Okafor, DSL" };

    private static object Review(string reviewedOn, string outcome, bool filterTested = true) => new
    {
        reviewedOn, outcome, participants = new { slt = "A. Head", dsl = "B. Dsl", it = "C. Tech (IT provider)" },
        checklist = new[] { "roles-assigned", "risk-profile", "provision-listed", "filter-tested", "over-blocking-reviewed", "monitoring-acted-on",
            "staff-trained", "governor-involved" }
            .Select(item => new { item, done = item != "filter-tested" || filterTested, note = item == "filter-tested" && !filterTested ? "Run the SWGfL test on the guest Wi-Fi by October" : null }),
    };

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
    public async Task whoever_asked_sees_the_answer_to_their_own_unblock_request_and_no_one_else_sees_it_there()
    {
        using var staff = await fx.ClientFor("staff.caldecote");
        using var head = await fx.ClientFor("head.caldecote");
        using var dsl = await fx.ClientFor("dsl.caldecote");
        var site = $"mine-{Guid.NewGuid():N}.example";
        using var asked = await staff.PostAsJsonAsync("/standards/unblock-requests", new { site, reason = "Year 8 geography fieldwork" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        var mine = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!["id"].Str();
        using var headAsked = await head.PostAsJsonAsync("/standards/unblock-requests", new { site = "head-" + site, reason = "Assembly video" });
        var headsId = JsonNode.Parse(await headAsked.Content.ReadAsStringAsync())!["id"].Str();

        var waiting = (await fx.GetJson("staff.caldecote", "/standards/unblock-requests/mine")).AsArray();
        var entry = waiting.Single(r => r!["id"].Str() == mine)!;
        entry["outcome"].ShouldBeNull();
        waiting.ShouldNotContain(r => r!["id"].Str() == headsId, "another member of staff's request is not in mine");

        var until = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Write(dsl, HttpMethod.Post, $"/standards/unblock-requests/{mine}/decision",
            new { outcome = "unblocked", reason = "Ordnance Survey maps, no harmful content", until }, (await dsl.GetAsync("/standards")).Headers.ETag!.Tag);

        var answered = (await fx.GetJson("staff.caldecote", "/standards/unblock-requests/mine")).AsArray().Single(r => r!["id"].Str() == mine)!;
        answered["outcome"].Str().ShouldBe("unblocked");
        answered["decisionReason"].Str().ShouldBe("Ordnance Survey maps, no harmful content");
        answered["until"].Str().ShouldBe(until);
        answered["decidedBy"].Str().ShouldNotBeNullOrEmpty();
        (await fx.GetJson("head.caldecote", "/standards/unblock-requests/mine")).AsArray().ShouldNotContain(r => r!["id"].Str() == mine);
        (await fx.GetJson("dsl.blakehill", "/standards/unblock-requests/mine")).AsArray().ShouldNotContain(r => r!["id"].Str() == mine);
        using var governor = await fx.ClientFor("governor.caldecote");
        (await governor.GetAsync("/standards/unblock-requests/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task staff_ask_for_a_site_to_be_unblocked_the_dsl_decides_and_the_log_the_trust_view_and_the_governor_pack_show_it()
    {
        using var staff = await fx.ClientFor("staff.caldecote");
        using var dsl = await fx.ClientFor("dsl.caldecote");
        using var asked = await staff.PostAsJsonAsync("/standards/unblock-requests", new { site = "www.poetryfoundation.org", reason = "Year 10 poetry anthology" });
        asked.StatusCode.ShouldBe(HttpStatusCode.Created, await asked.Content.ReadAsStringAsync());
        var first = JsonNode.Parse(await asked.Content.ReadAsStringAsync())!["id"].Str();
        using var asked2 = await staff.PostAsJsonAsync("/standards/unblock-requests", new { site = "games.example", reason = "Wet play" });
        var second = JsonNode.Parse(await asked2.Content.ReadAsStringAsync())!["id"].Str();
        using var asked3 = await staff.PostAsJsonAsync("/standards/unblock-requests", new { site = "pending.example", reason = "Drama" });
        asked3.StatusCode.ShouldBe(HttpStatusCode.Created);

        var etag = (await dsl.GetAsync("/standards")).Headers.ETag!.Tag;
        var until = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        etag = await Write(dsl, HttpMethod.Post, $"/standards/unblock-requests/{first}/decision",
            new { outcome = "unblocked", reason = "Curriculum resource, no harmful content", until }, etag);
        etag = await Write(dsl, HttpMethod.Post, $"/standards/unblock-requests/{second}/decision", new { outcome = "kept-blocked", reason = "Games category stays blocked" }, etag);

        using var again = await Send(dsl, HttpMethod.Post, $"/standards/unblock-requests/{second}/decision", new { outcome = "unblocked", reason = "Changed" }, etag);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var blakehill = await fx.ClientFor("dsl.blakehill");
        var theirs = (await blakehill.GetAsync("/standards")).Headers.ETag!.Tag;
        using var other = await Send(blakehill, HttpMethod.Post, $"/standards/unblock-requests/{first}/decision", new { outcome = "kept-blocked", reason = "x" }, theirs);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound, "another school's request is not found");
        using var notStaff = await Send(staff, HttpMethod.Post, $"/standards/unblock-requests/{first}/decision", new { outcome = "kept-blocked", reason = "x" }, etag);
        notStaff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var evidence = await fx.GetJson("dsl.caldecote", "/standards");
        var requests = evidence["unblockRequests"]!.AsArray();
        requests.Count.ShouldBe(3);
        var unblocked = requests.Single(r => r!["id"].Str() == first)!;
        unblocked["outcome"].Str().ShouldBe("unblocked");
        unblocked["decidedBy"].Str().ShouldNotBeNull();
        unblocked["hoursToDecide"].ShouldNotBeNull();
        var logged = evidence["decisions"]!.AsArray().Single(d => d!["what"].Str() == "www.poetryfoundation.org")!;
        logged["kind"].Str().ShouldBe("allow");
        logged["what"].Str().ShouldBe("www.poetryfoundation.org");
        logged["requestedBy"].Str().ShouldBe(requests[0]!["requestedBy"].Str());
        logged["approvedBy"].Str().ShouldBe(unblocked["decidedBy"].Str());
        logged["until"].Str().ShouldBe(until);

        var trust = (await fx.GetJson("trust.lead", "/trust/standards")).AsArray().Single(s => s!["urn"].Str() == "141002")!;
        trust["unblockRequests"]!.GetValue<int>().ShouldBe(3);
        trust["openUnblockRequests"]!.GetValue<int>().ShouldBe(1);

        var pack = await (await fx.ClientFor("governor.caldecote")).GetStringAsync("/packs/school?period=2029-10&format=csv");
        pack.ShouldContain("Unblock requests from staff (over-blocking review),\"3 asked: 1 unblocked, 1 kept blocked, 1 awaiting a decision;");
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

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>A write with If-Match that must succeed; the new ETag for the next one.</summary>
    private static async Task<string> Write(HttpClient client, HttpMethod method, string url, object body, string ifMatch)
    {
        using var response = await Send(client, method, url, body, ifMatch);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
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
