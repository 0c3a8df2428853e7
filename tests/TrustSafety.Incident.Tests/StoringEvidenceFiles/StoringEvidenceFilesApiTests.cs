using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.StoringEvidenceFiles;

/// <summary>Issue 15: screenshots kept as sealed evidence files on real PostgreSQL through the HTTP API.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class StoringEvidenceFilesApiTests(CaseFilesFixture fixture)
{
    private Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3) => fixture.TriagedAsync(category, severity);

    private static readonly byte[] Screenshot =
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. "screenshot-marker-quokka: you are a loser"u8.ToArray()];

    private static async Task<HttpResponseMessage> UploadAsync(IncidentClient client, Guid id, string etag, string? confirmed, byte[] bytes)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "capture.png");
        form.Add(new StringContent("Group chat messages, 3 March"), "description");
        if (confirmed is not null) form.Add(new StringContent(confirmed), "noNudityConfirmed");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/evidence-files") { Content = form };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.Http.SendAsync(request);
    }

    [Fact]
    public async Task a_screenshot_is_kept_sealed_after_the_no_nudity_confirmation_opened_by_the_dsl_alone_and_every_view_audited()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        using (var unconfirmed = await UploadAsync(deputy, id, etag, null, Screenshot))
            (await unconfirmed.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("noNudityConfirmed");
        using var stored = await UploadAsync(deputy, id, etag, "true", Screenshot);
        stored.StatusCode.ShouldBe(HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        var fileId = (await stored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("createdId").GetGuid();

        var everything = await fixture.EverythingStoredAsync();
        everything.ShouldNotContain("quokka");
        everything.ShouldNotContain(Convert.ToBase64String(Screenshot)[..40]);
        using (var byDeputy = await deputy.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}"))
            await byDeputy.ShouldBeProblem(HttpStatusCode.Forbidden);
        using (var opened = await dsl.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}"))
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.OK);
            opened.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
            (await opened.Content.ReadAsByteArrayAsync()).ShouldBe(Screenshot);
        }
        var other = await fixture.ClientFor("dsl.caldecote");
        (await other.StatusOfGetAsync($"/incidents/{id}/evidence-files/{fileId}")).ShouldBe(HttpStatusCode.NotFound);

        var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
        log.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "evidence-file-viewed").ShouldBe(1);
        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("caseFiles").GetProperty("evidenceFiles")[0].GetProperty("description").GetString().ShouldBe("Group chat messages, 3 March");

        // Disposal destroys the incident's key: the file is shredded with it.
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IDocumentStore>();
            await using var session = store.LightweightSession("141001");
            await scope.ServiceProvider.GetRequiredService<Keyring>().DestroyAsync(session, Subjects.Incident(id), CancellationToken.None);
            await session.SaveChangesAsync();
        }
        using var shredded = await dsl.Http.GetAsync($"/incidents/{id}/evidence-files/{fileId}");
        await shredded.ShouldBeProblem(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task a_screenshot_for_nudes_or_sexual_harassment_keeps_the_ukcis_refusal_and_is_audited()
    {
        foreach (var category in new[] { "nudes-semi-nudes", "online-sexual-harassment" })
        {
            var (dsl, id, etag) = await TriagedAsync(category);
            using var refused = await UploadAsync(dsl, id, etag, "true", Screenshot);
            (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("UKCIS");
            var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
            log.EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldContain("imagery-upload-refused");
            (await dsl.GetAsync(id)).Body.GetProperty("caseFiles").GetProperty("evidenceFilesAllowed").GetBoolean().ShouldBeFalse();
        }
    }
}
