namespace TrustSafety.Reporting.Tests.RevokingGrants;

public sealed class RevokingGrantsApiTests(GrantsFixture fx) : IClassFixture<GrantsFixture>
{
    private static async Task<HttpResponseMessage> RevokeAsync(HttpClient client, JsonNode grant, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/grants/{grant["id"].Str()}");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static string ETagOf(JsonNode grant) => $"\"{grant["version"]!.GetValue<long>()}\"";

    [Fact]
    public async Task a_revoked_grant_refuses_access_at_once()
    {
        var grant = await fx.IssueGrant("141003", hours: 24);
        using var lead = await fx.ClientFor("trust.lead");
        (await RevokeAsync(lead, grant, ETagOf(grant))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lead.GetAsync("/trust/schools/141003/summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task revoking_takes_the_version_the_lead_read_and_a_revoked_grant_stays_revoked()
    {
        var grant = await fx.IssueGrant("141004", hours: 24);
        grant["version"]!.GetValue<long>().ShouldBe(1);
        (await fx.GetJson("trust.lead", "/grants")).AsArray().Single(g => g!["id"].Str() == grant["id"].Str())!["version"]!.GetValue<long>().ShouldBe(1);
        using var lead = await fx.ClientFor("trust.lead");

        using (var withoutIfMatch = await RevokeAsync(lead, grant, ifMatch: null))
            withoutIfMatch.StatusCode.ShouldBe((HttpStatusCode)428);
        using (var stale = await RevokeAsync(lead, grant, "\"7\""))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
            JsonNode.Parse(await stale.Content.ReadAsStringAsync())!["currentVersion"]!.GetValue<long>().ShouldBe(1);
        }
        using (var unknown = await RevokeAsync(lead, new JsonObject { ["id"] = Guid.NewGuid().ToString() }, "\"1\""))
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lead.GetAsync("/trust/schools/141004/summary")).StatusCode.ShouldBe(HttpStatusCode.OK, "nothing was revoked");

        using var revoked = await RevokeAsync(lead, grant, ETagOf(grant));
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        revoked.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var answer = JsonNode.Parse(await revoked.Content.ReadAsStringAsync())!;
        answer["status"].Str().ShouldBe("revoked");
        answer["version"]!.GetValue<long>().ShouldBe(2);

        using var again = await RevokeAsync(lead, answer, ETagOf(answer));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        problem["title"].Str().ShouldBe("Grant already revoked");
        problem["detail"].Str().ShouldBe("Nothing changed.");
    }
}
