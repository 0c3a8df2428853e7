using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.RoutingIncidents;

/// <summary>Issue 15: the route a triage gives an incident, on real PostgreSQL through the HTTP API (default rules only).</summary>
public sealed class IncidentRouteApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    internal static object Triage(bool illegal, string category = "cyberbullying", int severity = 3) => new
    {
        illegal, category, fourC = "conduct", severity, handlerId = "dsl.blakehill", handlerName = "Blakehill DSL", rationale = "Triage",
    };

    private static object Close() => new { outcomeCode = "referred-externally", rationale = "Police took it on", lessonsLearnt = "None" };

    internal static JsonElement Step(JsonElement incident, string step) =>
        incident.GetProperty("route").GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step);

    [Fact]
    public async Task an_illegal_incident_cannot_close_until_the_police_referral_is_made_and_its_outcome_recorded()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", Triage(illegal: true), etag);

        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("route").GetProperty("rulesVersion").GetInt32().ShouldBe(1);
        Step(incident, "refer-police").GetProperty("level").GetString().ShouldBe("required");
        Step(incident, "refer-police").GetProperty("state").GetString().ShouldBe("open");
        Step(incident, "inform-headteacher").GetProperty("level").GetString().ShouldBe("suggested");

        using (var refused = await dsl.ChangeAsync($"/incidents/{id}/close", Close(), etag))
        {
            var problem = await refused.ShouldBeProblem(HttpStatusCode.Conflict);
            problem.GetProperty("detail").GetString()!.ShouldContain("Refer to the police (refer-police)");
            problem.GetProperty("openSteps").EnumerateArray().Select(s => s.GetString()).ShouldBe(["refer-police"]);
        }

        using var referral = await dsl.ChangeAsync($"/incidents/{id}/referrals",
            new { destination = "police", referenceNumber = "CAD-4471", madeOn = Today, dueOn = Today, rationale = "Illegal activity" }, etag);
        referral.StatusCode.ShouldBe(HttpStatusCode.OK, await referral.Content.ReadAsStringAsync());
        var referralId = (await referral.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();
        etag = referral.Headers.ETag!.Tag;
        (incident, _) = await dsl.GetAsync(id);
        Step(incident, "refer-police").GetProperty("state").GetString().ShouldBe("done");
        Step(incident, "refer-police").GetProperty("recordId").GetGuid().ShouldBe(referralId);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/referrals/{referralId}/outcome", new { outcomeCode = "police-investigation", outcome = "Police investigating", receivedOn = Today }, etag);
        await dsl.ChangeOkAsync($"/incidents/{id}/close", Close(), etag);
        (await dsl.GetAsync(id)).Body.GetProperty("status").GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task a_decision_not_to_refer_is_recorded_with_its_rationale_on_the_route_and_the_timeline_and_lets_the_incident_close()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var staff = await fixture.ClientFor("staff.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report("staff-instigator"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", Triage(illegal: false, "staff-misuse"), etag);

        using (var refused = await dsl.ChangeAsync($"/incidents/{id}/close", Close(), etag))
            (await refused.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("openSteps").EnumerateArray().Select(s => s.GetString())
                .ShouldBe(["refer-lado", "inform-headteacher"]);
        using (var noRationale = await dsl.ChangeAsync($"/incidents/{id}/route-steps/refer-lado/decline", new { rationale = "" }, etag))
            (await noRationale.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("rationale");
        using (var notOnRoute = await dsl.ChangeAsync($"/incidents/{id}/route-steps/refer-prevent/decline", new { rationale = "n/a" }, etag))
            (await notOnRoute.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("step");
        using (var byStaff = await staff.ChangeAsync($"/incidents/{id}/route-steps/refer-lado/decline", new { rationale = "n/a" }, etag))
            byStaff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/route-steps/refer-lado/decline",
            new { rationale = "LADO consulted by phone: threshold not met, handled under the low-level concerns policy" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/headteacher-informed", new { informedOn = Today, rationale = "Told in person" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/actions/advice-sought",
            new { soughtOn = Today, whom = "LA education safeguarding advice line", advice = "Low-level concern; record and monitor" }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var lado = Step(incident, "refer-lado");
        lado.GetProperty("state").GetString().ShouldBe("declined");
        lado.GetProperty("rationale").GetString().ShouldBe("LADO consulted by phone: threshold not met, handled under the low-level concerns policy");
        Step(incident, "inform-headteacher").GetProperty("state").GetString().ShouldBe("done");
        var timeline = incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString()).ToList();
        timeline.ShouldContain("Decided not to take the step: Refer to the LADO (allegation against staff)");
        timeline.ShouldContain("Advice sought from LA education safeguarding advice line");
        (await dsl.GetJsonAsync($"/incidents/{id}/access-log")).ValueKind.ShouldBe(JsonValueKind.Array);

        await dsl.ChangeOkAsync($"/incidents/{id}/close", Close(), etag);
    }

    [Fact]
    public async Task another_schools_dsl_cannot_decline_a_step_of_this_schools_incident()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var other = await fixture.ClientFor("dsl.caldecote");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", Triage(illegal: true), etag);
        using var response = await other.ChangeAsync($"/incidents/{id}/route-steps/refer-police/decline", new { rationale = "x" }, etag);
        await response.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_concern_in_a_new_category_is_triaged_under_list_2026_1()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "mental-health-concern"));
        await dsl.ChangeOkAsync($"/incidents/{id}/triage", Triage(false, "self-harm-suicide-eating-disorder", 4), etag);
        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("triage").GetProperty("categoryListVersion").GetString().ShouldBe("2026.1");
        Step(incident, "consult-advice-line").GetProperty("level").GetString().ShouldBe("suggested");
    }
}

/// <summary>Publishing route rules: the trust lead only, versioned, and never rewriting an incident's route (its own database).</summary>
public sealed class RouteRulesApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private static object Version2 => new
    {
        rationale = "Trust policy review 2026: the police are consulted, not always referred to, for illegal conduct",
        rules = new object[]
        {
            new { id = "illegal", description = "The activity is illegal", when = new { illegal = true }, required = new[] { "consult-advice-line" },
                suggested = new[] { "refer-police" } },
        },
    };

    private static async Task<HttpResponseMessage> PublishAsync(IncidentClient client, object body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/route-rules") { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task the_trust_lead_publishes_a_new_version_and_incidents_triaged_before_keep_the_version_they_were_triaged_under()
    {
        var lead = await fixture.ClientFor("trust.lead");
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (before, beforeETag) = await dsl.ReportAsync();
        beforeETag = await dsl.ChangeOkAsync($"/incidents/{before}/triage", IncidentRouteApiTests.Triage(illegal: true), beforeETag);

        using (var current = await lead.Http.GetAsync("/route-rules"))
        {
            current.Headers.ETag!.Tag.ShouldBe("\"1\"");
            (await current.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        }
        using (var byDsl = await PublishAsync(dsl, Version2, "\"1\"")) byDsl.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var noIfMatch = await PublishAsync(lead, Version2, null)) noIfMatch.StatusCode.ShouldBe((HttpStatusCode)428);
        using (var invalid = await PublishAsync(lead, new { rationale = "x", rules = new[] { new { id = "a", description = "d", when = new { }, required = new[] { "refer-nhs" } } } }, "\"1\""))
            (await invalid.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("rules[0].required");
        using (var published = await PublishAsync(lead, Version2, "\"1\""))
        {
            published.StatusCode.ShouldBe(HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
            published.Headers.ETag!.Tag.ShouldBe("\"2\"");
        }
        using (var stale = await PublishAsync(lead, Version2, "\"1\""))
            (await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(2);

        var versions = (await dsl.GetJsonAsync("/route-rules/versions")).EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("version").GetInt32()).ShouldBe([1, 2]);
        versions[1].GetProperty("rationale").GetString()!.ShouldStartWith("Trust policy review 2026");
        (await dsl.GetJsonAsync("/route-rules/1")).GetProperty("rules").GetArrayLength().ShouldBeGreaterThan(10);
        (await dsl.StatusOfGetAsync("/route-rules/9")).ShouldBe(HttpStatusCode.NotFound);

        var (after, afterETag) = await dsl.ReportAsync();
        await dsl.ChangeOkAsync($"/incidents/{after}/triage", IncidentRouteApiTests.Triage(illegal: true), afterETag);
        var (newer, _) = await dsl.GetAsync(after);
        newer.GetProperty("route").GetProperty("rulesVersion").GetInt32().ShouldBe(2);
        IncidentRouteApiTests.Step(newer, "refer-police").GetProperty("level").GetString().ShouldBe("suggested");
        IncidentRouteApiTests.Step(newer, "consult-advice-line").GetProperty("level").GetString().ShouldBe("required");

        // A re-triage of the older incident stays under version 1: the rules changed, its route did not.
        await dsl.ChangeOkAsync($"/incidents/{before}/triage", IncidentRouteApiTests.Triage(illegal: true, severity: 4), beforeETag);
        var (older, _) = await dsl.GetAsync(before);
        older.GetProperty("route").GetProperty("rulesVersion").GetInt32().ShouldBe(1);
        IncidentRouteApiTests.Step(older, "refer-police").GetProperty("level").GetString().ShouldBe("required");
    }
}
