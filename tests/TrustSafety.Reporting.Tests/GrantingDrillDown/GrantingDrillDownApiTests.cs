namespace TrustSafety.Reporting.Tests.GrantingDrillDown;

public sealed class GrantingDrillDownApiTests(GrantsFixture fx) : IClassFixture<GrantsFixture>
{
    [Fact]
    public async Task without_a_grant_the_trust_lead_cannot_see_a_schools_detail()
    {
        using var lead = await fx.ClientFor("trust.lead");
        using var response = await lead.GetAsync("/trust/schools/141005/summary");
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldContain("POST /grants");
    }

    [Fact]
    public async Task a_grant_opens_the_schools_detail_until_it_expires_and_every_read_is_shown_to_the_schools_dsl()
    {
        var grant = await fx.IssueGrant("141002", hours: 2);
        grant["status"].Str().ShouldBe("active");
        using var lead = await fx.ClientFor("trust.lead");

        (await lead.GetAsync("/trust/schools/141002/summary")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lead.GetAsync("/trust/schools/141002/incidents")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lead.GetAsync("/trust/schools/141001/summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the grant is for one school only");

        var seenByDsl = (await fx.GetJson("dsl.caldecote", "/grants")).AsArray()
            .Single(g => g!["id"].Str() == grant["id"].Str())!;
        seenByDsl["reason"].Str().ShouldBe("Repeated alerts across two weeks need review");
        seenByDsl["grantedToName"].ShouldNotBeNull();
        seenByDsl["reads"]!.AsArray().Select(r => r!["what"].Str()).ShouldBe(["summary " + Months(), "incident list"], ignoreOrder: true);
        (await fx.GetJson("dsl.blakehill", "/grants")).AsArray().ShouldNotContain(g => g!["id"].Str() == grant["id"].Str());

        fx.Clock.Advance(TimeSpan.FromHours(2));
        using var expired = await lead.GetAsync("/trust/schools/141002/summary");
        expired.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await expired.Content.ReadAsStringAsync()).ShouldContain("expired");
        (await fx.GetJson("trust.lead", "/grants")).AsArray().Single(g => g!["id"].Str() == grant["id"].Str())!["status"].Str().ShouldBe("expired");
        (await fx.GetJson("dsl.caldecote", "/grants")).AsArray().Single(g => g!["id"].Str() == grant["id"].Str())!["reads"]!.AsArray().Count.ShouldBe(2,
            "a refused read is not a read of the school's detail");
    }

    [Fact]
    public async Task a_grant_without_reason_or_duration_is_refused_naming_each_field_and_nothing_is_recorded()
    {
        using var lead = await fx.ClientFor("trust.lead");
        using var response = await lead.PostAsJsonAsync("/grants", new { schoolUrn = "141006", reason = "", hours = 500 });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["reason", "hours"], ignoreOrder: true);
        (await fx.GetJson("dsl.oakmere", "/grants")).AsArray().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("dsl.blakehill")]
    [InlineData("governor.blakehill")]
    public async Task only_the_trust_lead_takes_grants(string user)
    {
        using var client = await fx.ClientFor(user);
        (await client.PostAsJsonAsync("/grants", new { schoolUrn = "141001", reason = "I would like to look please", hours = 1 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private string Months()
    {
        var now = fx.Clock.GetUtcNow();
        var last = new DateOnly(now.Year, now.Month, 1);
        return $"{last.AddMonths(-2):yyyy-MM}..{last:yyyy-MM}";
    }
}
