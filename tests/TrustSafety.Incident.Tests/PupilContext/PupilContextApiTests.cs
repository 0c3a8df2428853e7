using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.PupilContext;
using TrustSafety.Incident.Tests.Fixtures;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.PupilContext;

/// <summary>A pupil's vulnerability context and the month's counts on real PostgreSQL through the HTTP API.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class PupilContextApiTests(CaseFilesFixture fixture)
{
    [Fact]
    public async Task a_pupils_vulnerability_context_is_the_dsls_alone_sealed_under_the_pupils_key_and_shredded_by_erasure()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        const string pupil = "P-CTX-1";
        var context = new
        {
            lookedAfter = true, previouslyLookedAfter = false, send = true, ehcp = true, childProtectionPlan = false, childInNeedPlan = true,
            youngCarer = false, note = "Foster placement since May (narwhal-note)",
        };
        (await deputy.StatusOfGetAsync($"/pupils/{pupil}/context")).ShouldBe(HttpStatusCode.Forbidden);
        var empty = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        empty.GetProperty("version").GetInt32().ShouldBe(0);
        empty.GetProperty("flags").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var bad = await PutAsync(dsl, $"/pupils/{pupil}/context", new { lookedAfter = true, send = false, ehcp = true }, "0"))
        {
            var errors = (await bad.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "previouslyLookedAfter", "childProtectionPlan", "childInNeedPlan", "youngCarer", "ehcp" })
                errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        using (var byDeputy = await PutAsync(deputy, $"/pupils/{pupil}/context", context, "0"))
            byDeputy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var saved = await PutAsync(dsl, $"/pupils/{pupil}/context", context, "0"))
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        using (var stale = await PutAsync(dsl, $"/pupils/{pupil}/context", context, "0"))
            await stale.ShouldBeProblem(HttpStatusCode.PreconditionFailed);

        var read = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        read.GetProperty("version").GetInt32().ShouldBe(1);
        read.GetProperty("flags").GetProperty("lookedAfter").GetBoolean().ShouldBeTrue();
        read.GetProperty("flags").GetProperty("childInNeedPlan").GetBoolean().ShouldBeTrue();
        read.GetProperty("note").GetString().ShouldBe(context.note);
        var stored = await fixture.EverythingStoredAsync();
        stored.ShouldNotContain("narwhal");
        stored.ShouldNotContain("lookedAfter");

        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            await using var session = scope.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession("141001");
            await scope.ServiceProvider.GetRequiredService<Keyring>().DestroyAsync(session, Subjects.Pupil(pupil), CancellationToken.None);
            await session.SaveChangesAsync();
        }
        var erased = await dsl.GetJsonAsync($"/pupils/{pupil}/context");
        erased.GetProperty("erased").GetBoolean().ShouldBeTrue();
        erased.GetProperty("flags").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task a_new_incident_through_rabbitmq_and_a_context_change_recount_the_schools_month_as_counts_that_name_no_one()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        const string pupil = "P-CTX-COUNT";
        object Context(bool youngCarer) => new
        {
            lookedAfter = false, previouslyLookedAfter = false, send = false, ehcp = false, childProtectionPlan = false, childInNeedPlan = false,
            youngCarer, note = "Cares for a parent (okapi-note)",
        };
        using (var saved = await PutAsync(dsl, $"/pupils/{pupil}/context", Context(youngCarer: true), "0"))
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        var (id, _) = await dsl.ReportAsync(IncidentClient.Report(pupilId: pupil));
        var (incident, _) = await dsl.GetAsync(id);
        var month = VulnerabilityCounts.MonthOf(incident.GetProperty("reportedAt").GetDateTimeOffset());
        var store = fixture.Host.Services.GetRequiredService<IDocumentStore>();
        async Task<(VulnerabilityContextCounted? Last, int Incidents)> Counted()
        {
            await using var session = store.QuerySession("141001");
            var start = DateTimeOffset.ParseExact(month + "-01Z", "yyyy-MM-ddK", System.Globalization.CultureInfo.InvariantCulture);
            var incidents = await session.Query<Incidents.OnlineSafetyIncident>().CountAsync(i => i.ReportedAt >= start && i.ReportedAt < start.AddMonths(1));
            return ((await session.LoadAsync<VulnerabilityCount>(VulnerabilityCounts.StreamOf(month)))?.Last, incidents);
        }

        // Only this pupil is a young carer in this database: the month counts exactly one incident with one, once the
        // incident service has taken its own IncidentReported from RabbitMQ and counted again.
        var (counted, _) = await Eventually.Returns(Counted, c => c.Last is { } last && last.Of("young-carer") == 1 && last.Incidents == c.Incidents,
            TimeSpan.FromSeconds(90), "the month counted again with the new incident");
        counted!.Of("looked-after").ShouldBeGreaterThanOrEqualTo(0);

        using (var changed = await PutAsync(dsl, $"/pupils/{pupil}/context", Context(youngCarer: false), "1"))
            changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        (await Counted()).Last!.Of("young-carer").ShouldBe(0, "the DSL's change is counted as it is saved");

        await using (var session = store.QuerySession("141001"))
        {
            var events = await session.Events.FetchStreamAsync(VulnerabilityCounts.StreamOf(month));
            var published = string.Join("\n", events.Select(e => JsonSerializer.Serialize(
                ((VulnerabilityContextCounted)e.Data).ToWire("141001", e.Timestamp))));
            published.ShouldNotContain(pupil);
            published.ShouldNotContain(id.ToString());
            published.ShouldNotContain("okapi");
        }
        (await fixture.EverythingStoredAsync()).ShouldNotContain("okapi");
    }

    private static async Task<HttpResponseMessage> PutAsync(IncidentClient client, string path, object body, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.Http.SendAsync(request);
    }
}
