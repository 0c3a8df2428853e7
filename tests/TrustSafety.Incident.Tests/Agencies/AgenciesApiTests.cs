using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Agencies;

/// <summary>Issue 15: the agencies directory on real PostgreSQL through the HTTP API.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class AgenciesApiTests(CaseFilesFixture fixture)
{
    [Fact]
    public async Task the_agencies_directory_has_built_in_trust_and_school_levels_edited_by_the_trust_lead_and_the_dsl()
    {
        var lead = await fixture.ClientFor("trust.lead");
        var blakehill = await fixture.ClientFor("dsl.blakehill");
        var caldecote = await fixture.ClientFor("dsl.caldecote");
        var deputy = await fixture.ClientFor("deputy.blakehill");

        static JsonElement Entry(JsonElement list, string code) => list.EnumerateArray().Single(e => e.GetProperty("code").GetString() == code);
        var builtIn = Entry(await blakehill.GetJsonAsync("/agencies"), "lado");
        builtIn.GetProperty("source").GetString().ShouldBe("built-in");
        builtIn.GetProperty("contact").GetProperty("phone").GetString().ShouldBe("01902 550661");

        using (var put = await Put(lead, "lado", new { name = "Three Rivers LADO service", phone = "01902 550000" }, "0"))
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        using (var stale = await Put(lead, "lado", new { name = "Again", phone = "01902 550001" }, "0"))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        using (var bad = await Put(blakehill, "lado", new { name = "", web = "not a url" }, "0"))
        {
            var errors = (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            errors.TryGetProperty("name", out _).ShouldBeTrue();
            errors.TryGetProperty("web", out _).ShouldBeTrue();
        }
        using (var byDeputy = await Put(deputy, "lado", new { name = "x", phone = "1" }, "0"))
            await byDeputy.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var unknown = await Put(blakehill, "coastguard", new { name = "x", phone = "1" }, "0"))
            await unknown.ShouldBeProblem(HttpStatusCode.NotFound);
        using (var own = await Put(blakehill, "lado", new { name = "Blakehill's LADO contact", phone = "01902 551111" }, "0"))
            own.StatusCode.ShouldBe(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());

        var mine = Entry(await blakehill.GetJsonAsync("/agencies"), "lado");
        mine.GetProperty("source").GetString().ShouldBe("school");
        mine.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Blakehill's LADO contact");
        mine.GetProperty("trustDefault").GetProperty("name").GetString().ShouldBe("Three Rivers LADO service");
        var theirs = Entry(await caldecote.GetJsonAsync("/agencies"), "lado");
        theirs.GetProperty("source").GetString().ShouldBe("trust");
        theirs.GetProperty("contact").GetProperty("name").GetString().ShouldBe("Three Rivers LADO service");

        using var reset = new HttpRequestMessage(HttpMethod.Delete, "/agencies/lado");
        reset.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        (await blakehill.Http.SendAsync(reset)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Entry(await blakehill.GetJsonAsync("/agencies"), "lado").GetProperty("source").GetString().ShouldBe("trust");
    }

    private static async Task<HttpResponseMessage> Put(IncidentClient client, string code, object body, string revision)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/agencies/{code}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{revision}\""));
        return await client.Http.SendAsync(request);
    }
}
