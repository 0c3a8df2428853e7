using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Testing;

namespace TrustSafety.Security.Tests;

/// <summary>
/// Issue 15 point 5, isolation: a pupil's vulnerability context is read by their own school's DSL alone; another school's DSL
/// and the trust lead get nothing of it, and the trust lead's reporting shows it only as suppressed counts. (A partial of
/// <see cref="TokenAttackTests"/> so it shares that class's platform rather than starting another.)
/// </summary>
public sealed partial class TokenAttackTests
{
    [Fact]
    public async Task a_pupils_vulnerability_context_is_read_by_its_own_schools_dsl_alone_and_reaches_the_trust_lead_only_as_suppressed_counts()
    {
        const string pupil = "P-CALDE-VLC";
        using (var caldecote = await platform.GatewayClientFor("dsl.caldecote"))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/incident/pupils/{pupil}/context")
            {
                Content = JsonContent.Create(new
                {
                    lookedAfter = true, previouslyLookedAfter = false, send = false, ehcp = false, childProtectionPlan = true, childInNeedPlan = false,
                    youngCarer = false, note = "Placed with foster carers (quokka-note)",
                }),
            };
            put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"0\""));
            using var saved = await caldecote.SendAsync(put);
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }
        await platform.PostAsync("dsl.caldecote", "/api/incident/incidents", Matrix.MatrixWorld.Concern(pupil));

        // Another school's DSL asking for the same pupil id reads its own (empty) school: no flag, no note.
        using (var blakehill = await platform.GatewayClientFor("dsl.blakehill"))
        {
            using var read = await blakehill.GetAsync($"/api/incident/pupils/{pupil}/context");
            var body = await read.Content.ReadAsStringAsync();
            read.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var json = JsonDocument.Parse(body).RootElement;
            json.GetProperty("flags").ValueKind.ShouldBe(JsonValueKind.Null);
            json.GetProperty("note").ValueKind.ShouldBe(JsonValueKind.Null);
            body.ShouldNotContain("quokka");
        }
        foreach (var user in new[] { "trust.lead", "deputy.blakehill", "head.blakehill" })
        {
            using var client = await platform.GatewayClientFor(user);
            using var read = await client.GetAsync($"/api/incident/pupils/{pupil}/context");
            read.StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        }

        // Reporting learns counts alone (through RabbitMQ): Caldecote's one looked-after incident shows as <5, never as 1.
        using var lead = await platform.GatewayClientFor("trust.lead");
        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var view = await Eventually.Returns(async () => await lead.GetStringAsync($"/api/reporting/trust/vulnerable-learners?from={month}&to={month}"),
            text => LookedAfter(text, PlatformFixture.Caldecote).GetProperty("count").GetProperty("display").GetString() == "<5",
            TimeSpan.FromSeconds(120), "Caldecote's looked-after count in the trust lead's view");
        LookedAfter(view, PlatformFixture.Caldecote).GetProperty("count").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        LookedAfter(view, PlatformFixture.Caldecote).GetProperty("percent").ValueKind.ShouldBe(JsonValueKind.Null);
        view.ShouldNotContain(pupil);
        view.ShouldNotContain("quokka");
        using var dsl = await platform.GatewayClientFor("dsl.caldecote");
        (await dsl.GetAsync($"/api/reporting/trust/vulnerable-learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static JsonElement LookedAfter(string view, string urn) => JsonDocument.Parse(view).RootElement.GetProperty("schools").EnumerateArray()
        .Single(s => s.GetProperty("urn").GetString() == urn).GetProperty("contexts").EnumerateArray()
        .Single(c => c.GetProperty("context").GetString() == "looked-after");
}
