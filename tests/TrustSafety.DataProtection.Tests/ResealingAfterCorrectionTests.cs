using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.DataProtection.Tests;

/// <summary>
/// Case work recorded before a correction of the people involved (issue 14.2) is re-sealed for the people now involved:
/// erasing the pupil who was named wrongly no longer erases it, and erasing the pupil now involved does. Real PostgreSQL,
/// the incident service's own endpoints, the raw stored rows checked for plaintext.
/// </summary>
public sealed class ResealingAfterCorrectionTests(IncidentFixture fixture) : IClassFixture<IncidentFixture>
{
    private const string Marker = "Perpetua Ashdown-Velasquez";
    private const string Erased = "[erased]";

    /// <summary>An open concern about <paramref name="wrong"/>, worked (triage, advice, parents, support for that pupil), then corrected to <paramref name="right"/>.</summary>
    private async Task<Guid> WorkedThenCorrectedAsync(string wrong, string right)
    {
        var id = await fixture.ReportAsync("staff.blakehill", fixture.Concern("Unkind messages in a group chat",
            new { role = "child-victim", pupilId = wrong, name = "Pupil named wrongly" }));
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var etag = "\"1\"";
        etag = await ChangeAsync(dsl, id, "triage", new
        {
            illegal = false, category = "cyberbullying", fourC = "conduct", severity = 2, handlerId = "dsl.blakehill",
            handlerName = "Blakehill DSL", rationale = $"{Marker} triage rationale",
        }, etag);
        etag = await ChangeAsync(dsl, id, "actions/advice-sought", new { soughtOn = today, whom = $"{Marker} advice line", advice = $"{Marker} advice given" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/parents-informed", new { informedOn = today, whom = $"{Marker} whom", rationale = $"{Marker} informed rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/support", new { support = $"{Marker} support", pupilId = wrong, rationale = $"{Marker} support rationale" }, etag);
        await ChangeAsync(dsl, id, "people/corrections", new
        {
            change = "correct", index = 0, person = new { role = "child-victim", pupilId = right, name = "Pupil named rightly" },
            reason = $"{Marker} the wrong pupil was named",
        }, etag);
        return id;
    }

    [Fact]
    public async Task erasing_the_pupil_named_wrongly_leaves_the_case_work_recorded_before_the_correction_readable()
    {
        var id = await WorkedThenCorrectedAsync("P-RS-1", "P-RS-2");
        var (events, raw) = await fixture.RawStreamAsync(id);
        raw.ShouldNotContain(Marker, Case.Insensitive);
        raw.ShouldContain("Replacements");

        await EraseAsync("P-RS-1");

        var read = await GetAsync($"/incidents/{id}");
        read.GetProperty("triage").GetProperty("rationale").GetString().ShouldBe($"{Marker} triage rationale");
        Action(read, "advice-sought", "why").ShouldBe($"{Marker} advice given");
        Action(read, "advice-sought", "what")!.ShouldContain($"{Marker} advice line");
        Action(read, "parents-informed", "why").ShouldBe($"{Marker} informed rationale");
        // The support was the wrongly named pupil's own: it goes with their erasure.
        Action(read, "support", "what").ShouldBe(Erased);
        read.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString())
            .ShouldContain($"Advice sought from {Marker} advice line");
        (await GetAsync($"/pupils/P-RS-2/chronology")).GetRawText().ShouldContain($"{Marker} advice line");
        (await fixture.RawStreamAsync(id)).Events.ShouldBe(events, "erasure appends nothing to the incident's stream");
    }

    [Fact]
    public async Task erasing_the_pupil_now_involved_erases_the_case_work_recorded_before_the_correction()
    {
        var id = await WorkedThenCorrectedAsync("P-RS-3", "P-RS-4");

        await EraseAsync("P-RS-4");

        var read = await GetAsync($"/incidents/{id}");
        read.GetProperty("triage").GetProperty("rationale").GetString().ShouldBe(Erased);
        Action(read, "advice-sought", "why").ShouldBe(Erased);
        Action(read, "parents-informed", "why").ShouldBe(Erased);
        read.GetRawText().ShouldNotContain($"{Marker} triage rationale");
        read.GetRawText().ShouldNotContain($"{Marker} advice given");
        // The removed pupil's key still exists, yet no longer opens the record: it is tied to the people now involved.
        // (The correction's own reason is sealed for both the removed and the present pupil, as docs/data-protection.md says.)
        foreach (var pupil in new[] { "P-RS-3", "P-RS-4" })
        {
            var chronology = (await GetAsync($"/pupils/{pupil}/chronology")).GetRawText();
            chronology.ShouldNotContain($"{Marker} advice line");
            chronology.ShouldNotContain($"{Marker} triage rationale");
        }
    }

    private static string? Action(JsonElement incident, string kind, string field) =>
        incident.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == kind).GetProperty(field).GetString();

    private static async Task<string> ChangeAsync(HttpClient client, Guid id, string path, object body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.Tag;
    }

    private async Task EraseAsync(string pupilId)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var erased = await dsl.PostAsJsonAsync($"/people/{pupilId}/erase", new { kind = "pupil", reason = "Erasure request, granted" });
        await erased.ReadOk();
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.GetAsync(path);
        return await response.ReadOk();
    }
}
