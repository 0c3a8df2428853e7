using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.LinkingCases;

/// <summary>Issue 15 point 7: two schools' DSLs work one case, each with their own token; a third school and the trust lead see nothing of it.</summary>
public sealed class LinkingCasesApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    private const string Shared = "Two pupils threatened each other in an online gaming group (walrus-shared-summary)";
    private const string Reply = "Our pupil has a pastoral mentor; parents informed (otter-reply-summary)";

    private static async Task<HttpResponseMessage> PostAsync(IncidentClient client, string path, object body, string? etag = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task two_schools_dsls_link_a_case_see_only_the_shared_summaries_and_every_share_and_read_while_others_get_nothing()
    {
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var stowHeath = await fixture.ClientFor("dsl.stowheath");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var lead = await fixture.ClientFor("trust.lead");
        var (incidentA, _) = await blakehill.ReportAsync();
        var (incidentB, _) = await caldecote.ReportAsync();

        using (var bad = await PostAsync(blakehill, $"/incidents/{incidentA}/case-links", new { schoolUrn = "141001" }))
        {
            var errors = (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "schoolUrn", "sharedSummary", "purpose", "lawfulBasis" }) errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        var ask = new { schoolUrn = "141002", sharedSummary = Shared, purpose = "Agree support and sanctions for both pupils", lawfulBasis = "KCSIE; UK GDPR 6(1)(e), 9(2)(g)" };
        using (var notTheirs = await PostAsync(caldecote, $"/incidents/{incidentA}/case-links", ask))
            notTheirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var byDeputy = await PostAsync(deputy, $"/incidents/{incidentA}/case-links", ask))
            byDeputy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var requested = await PostAsync(blakehill, $"/incidents/{incidentA}/case-links", ask);
        requested.StatusCode.ShouldBe(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var linkId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetGuid();
        using (var twice = await PostAsync(blakehill, $"/incidents/{incidentA}/case-links", ask))
            await twice.ShouldBeProblem(HttpStatusCode.Conflict);

        var incoming = (await caldecote.GetJsonAsync("/case-links")).GetProperty("items").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == linkId);
        incoming.GetProperty("direction").GetString().ShouldBe("incoming");
        incoming.GetProperty("otherSchoolName").GetString().ShouldBe("Blakehill Primary");
        incoming.GetProperty("status").GetString().ShouldBe("requested");
        incoming.ToString().ShouldNotContain("walrus");

        var asked = await caldecote.GetJsonAsync($"/case-links/{linkId}");
        asked.GetProperty("sharedSummary").GetString().ShouldBe(Shared);
        asked.GetProperty("yourIncidentId").ValueKind.ShouldBe(JsonValueKind.Null);
        asked.ToString().ShouldNotContain(incidentA.ToString());

        using (var ownAccept = await PostAsync(blakehill, $"/case-links/{linkId}/accept", new { rationale = "x" }, "\"1\""))
            await ownAccept.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var outsider = await PostAsync(stowHeath, $"/case-links/{linkId}/accept", new { rationale = "x" }, "\"1\""))
            await outsider.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var notMine = await PostAsync(caldecote, $"/case-links/{linkId}/accept", new { incidentId = incidentA, rationale = "x" }, "\"1\""))
            (await notMine.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("incidentId");
        using (var accepted = await PostAsync(caldecote, $"/case-links/{linkId}/accept",
                   new { incidentId = incidentB, sharedSummary = Reply, rationale = "Our pupil is involved; sharing is necessary to protect both" }, "\"1\""))
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());

        var view = await blakehill.GetJsonAsync($"/case-links/{linkId}");
        view.GetProperty("status").GetString().ShouldBe("accepted");
        view.GetProperty("replySummary").GetString().ShouldBe(Reply);
        view.GetProperty("yourIncidentId").GetGuid().ShouldBe(incidentA);
        view.ToString().ShouldNotContain(incidentB.ToString());
        var audit = view.GetProperty("audit").EnumerateArray()
            .Select(e => (Kind: e.GetProperty("kind").GetString(), School: e.GetProperty("schoolUrn").GetString())).ToList();
        audit.ShouldContain(("shared", "141001"));
        audit.ShouldContain(("shared", "141002"));
        audit.ShouldContain(("read", "141002"));
        audit.ShouldContain(("read", "141001"));
        var theirs = await caldecote.GetJsonAsync($"/case-links/{linkId}");
        theirs.GetProperty("yourIncidentId").GetGuid().ShouldBe(incidentB);
        theirs.GetProperty("audit").GetArrayLength().ShouldBe(audit.Count + 1);

        (await stowHeath.StatusOfGetAsync($"/case-links/{linkId}")).ShouldBe(HttpStatusCode.NotFound);
        var outsiders = await stowHeath.GetJsonAsync("/case-links");
        outsiders.GetProperty("items").GetArrayLength().ShouldBe(0);
        outsiders.GetProperty("schools").EnumerateArray().Select(s => s.GetProperty("urn").GetString()).ShouldNotContain("141003");
        (await caldecote.StatusOfGetAsync($"/incidents/{incidentA}")).ShouldBe(HttpStatusCode.NotFound);
        (await lead.StatusOfGetAsync($"/case-links/{linkId}")).ShouldBe(HttpStatusCode.Forbidden);
        (await deputy.StatusOfGetAsync($"/case-links/{linkId}")).ShouldBe(HttpStatusCode.Forbidden);

        var counts = await lead.GetJsonAsync("/trust/case-links");
        counts.GetProperty("accepted").GetInt32().ShouldBe(1);
        counts.GetProperty("schools").EnumerateArray().Single(s => s.GetProperty("schoolUrn").GetString() == "141002")
            .GetProperty("linked").GetInt32().ShouldBe(1);
        counts.ToString().ShouldNotContain("walrus");
        counts.ToString().ShouldNotContain(linkId.ToString());
        (await blakehill.StatusOfGetAsync("/trust/case-links")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task a_declined_link_shows_the_decision_to_both_dsls_and_can_be_asked_again()
    {
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var westfield = await fixture.ClientFor("dsl.westfield");
        var (incident, _) = await blakehill.ReportAsync();
        var ask = new { schoolUrn = "141004", sharedSummary = "Summary", purpose = "Why", lawfulBasis = "KCSIE" };
        using var requested = await PostAsync(blakehill, $"/incidents/{incident}/case-links", ask);
        var linkId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetGuid();
        using (var stale = await PostAsync(westfield, $"/case-links/{linkId}/decline", new { rationale = "Not our pupil" }, "\"7\""))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var noIfMatch = await PostAsync(westfield, $"/case-links/{linkId}/decline", new { rationale = "Not our pupil" }))
            await noIfMatch.ShouldBeProblem(HttpStatusCode.PreconditionRequired);
        using (var declined = await PostAsync(westfield, $"/case-links/{linkId}/decline", new { rationale = "Not our pupil" }, "\"1\""))
            declined.StatusCode.ShouldBe(HttpStatusCode.OK, await declined.Content.ReadAsStringAsync());

        var view = await blakehill.GetJsonAsync($"/case-links/{linkId}");
        view.GetProperty("status").GetString().ShouldBe("declined");
        view.GetProperty("decisionRationale").GetString().ShouldBe("Not our pupil");
        using var again = await PostAsync(blakehill, $"/incidents/{incident}/case-links", ask);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
