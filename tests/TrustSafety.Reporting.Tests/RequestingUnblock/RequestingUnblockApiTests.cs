using static TrustSafety.Reporting.Tests.Fixtures.StandardsGivens;

namespace TrustSafety.Reporting.Tests.RequestingUnblock;

public sealed class RequestingUnblockApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
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
}
