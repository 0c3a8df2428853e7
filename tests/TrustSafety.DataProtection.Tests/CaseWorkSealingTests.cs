using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Npgsql;
using TrustSafety.Incident.Publishing;

namespace TrustSafety.DataProtection.Tests;

/// <summary>The free text of case work is sealed like the concern's: unreadable in the database, opened on reads, erased with the person.</summary>
public sealed class CaseWorkSealingTests(IncidentFixture fixture) : IClassFixture<IncidentFixture>
{
    private const string Marker = "Wilhelmina Zanzibar-Quist";
    private const string Erased = "[erased]";

    private sealed record CaseFile(Guid Id, string Victim, string Instigator);

    private async Task<string> ChangeAsync(HttpClient client, Guid id, string path, object body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.Tag;
    }

    /// <summary>
    /// A case worked from triage to closure and reopening, every free-text field naming <see cref="Marker"/>: a
    /// child-protection file (illegal, severity 4, referred), or with <paramref name="childProtection"/> false an ordinary
    /// online-safety incident (severity 2, no referral) that retention does not keep against an erasure.
    /// </summary>
    private async Task<CaseFile> WorkedCaseAsync(string victim, string instigator, bool childProtection = true)
    {
        var id = await fixture.ReportAsync("staff.blakehill", fixture.Concern("Images shared between pupils",
            new { role = "child-victim", pupilId = victim, name = "Pupil A" },
            new { role = "child-instigator", pupilId = instigator, name = "Pupil B" }));
        var today = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var etag = "\"1\"";
        etag = await ChangeAsync(dsl, id, "triage", new
        {
            illegal = childProtection, category = "nudes-semi-nudes", fourC = "conduct", severity = childProtection ? 4 : 2, handlerId = "dsl.blakehill",
            handlerName = "Blakehill DSL", rationale = $"{Marker} triage rationale",
        }, etag);
        etag = await ChangeAsync(dsl, id, "imagery-viewed", new { reason = $"{Marker} imagery reason" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/parents-informed", new { informedOn = today, whom = $"{Marker} whom", rationale = $"{Marker} informed rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/parents-not-informed", new { reason = $"{Marker} not informed reason" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/sanction", new { sanction = $"{Marker} sanction", pupilId = instigator, rationale = $"{Marker} sanction rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/support", new { support = $"{Marker} support", pupilId = victim, rationale = $"{Marker} support rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/device-secured", new { deviceReference = "IPAD-CW-1", sealedLocation = $"{Marker} safe", rationale = $"{Marker} device rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/headteacher-informed", new { informedOn = today, rationale = $"{Marker} headteacher rationale" }, etag);
        etag = await ChangeAsync(dsl, id, "actions/advice-sought", new { soughtOn = today, whom = $"{Marker} advice line", advice = $"{Marker} advice given" }, etag);
        etag = await ChangeAsync(dsl, id, "evidence", new
        {
            description = $"{Marker} evidence", vendorCaptureUri = "https://vendor.example/capture/1", deviceHolder = $"{Marker} holder",
            sealedLocation = $"{Marker} evidence bag",
        }, etag);
        if (childProtection)
        using (var referral = await PostAsync(dsl, id, "referrals", new
               {
                   destination = "childrens-social-care", referenceNumber = "CSC-CW-1", madeOn = today, dueOn = today.AddDays(7),
                   rationale = $"{Marker} referral rationale",
               }, etag))
        {
            var accepted = await referral.ReadOk();
            etag = referral.Headers.ETag!.Tag;
            etag = await ChangeAsync(dsl, id, $"referrals/{accepted.GetProperty("createdId").GetGuid()}/outcome",
                new { outcomeCode = "no-further-action", outcome = $"{Marker} referral outcome", receivedOn = today }, etag);
            // The illegal triage's route requires a police referral (default rule "illegal"): the DSL decides not to, and says why.
            etag = await ChangeAsync(dsl, id, "route-steps/refer-police/decline", new { rationale = $"{Marker} decline rationale" }, etag);
        }
        etag = await ChangeAsync(dsl, id, "close", new
        {
            outcomeCode = "resolved-in-school", outcome = $"{Marker} outcome in words", rationale = $"{Marker} closure rationale",
            lessonsLearnt = $"{Marker} lessons learnt",
        }, etag);
        await ChangeAsync(dsl, id, "reopen", new { reason = $"{Marker} reopen reason" }, etag);
        return new(id, victim, instigator);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid id, string path, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await client.SendAsync(request);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.GetAsync(path);
        return await response.ReadOk();
    }

    private static IEnumerable<string?> FreeText(JsonElement incident)
    {
        yield return incident.GetProperty("triage").GetProperty("rationale").GetString();
        foreach (var action in incident.GetProperty("actions").EnumerateArray())
        {
            yield return action.GetProperty("why").GetString();
            if (action.GetProperty("kind").GetString() is "sanction" or "support") yield return action.GetProperty("what").GetString();
        }
        foreach (var referral in incident.GetProperty("referrals").EnumerateArray())
        {
            yield return referral.GetProperty("rationale").GetString();
            yield return referral.GetProperty("outcome").GetString();
        }
        foreach (var step in incident.GetProperty("route").GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("state").GetString() == "declined"))
            yield return step.GetProperty("rationale").GetString();
        var evidence = incident.GetProperty("evidence")[0];
        foreach (var field in new[] { "description", "deviceHolder", "sealedLocation" }) yield return evidence.GetProperty(field).GetString();
        yield return incident.GetProperty("imageryViews")[0].GetProperty("reason").GetString();
        var reopening = incident.GetProperty("reopenings")[0];
        yield return reopening.GetProperty("reason").GetString();
        yield return reopening.GetProperty("previousClosure").GetProperty("outcome").GetString();
        yield return reopening.GetProperty("previousClosure").GetProperty("rationale").GetString();
        yield return reopening.GetProperty("previousClosure").GetProperty("lessonsLearnt").GetString();
    }

    private async Task<string> AuditExportAsync() =>
        (await GetAsync("/audit?from=2026-06-01T00:00:00Z&to=2027-05-31T00:00:00Z")).GetRawText();

    [Fact]
    public async Task case_work_free_text_is_stored_sealed_and_the_dsls_reads_open_it()
    {
        var file = await WorkedCaseAsync("P-CW-1", "P-CW-2");

        var (_, raw) = await fixture.RawStreamAsync(file.Id);
        raw.ShouldNotContain(Marker, Case.Insensitive);
        raw.ShouldContain("enc:v2:");

        var read = await GetAsync($"/incidents/{file.Id}");
        FreeText(read).ShouldAllBe(text => text!.StartsWith(Marker));
        FreeText(read).Count().ShouldBe(21); // the referral outcome's words are case work too (sealed since referral outcomes became codes)
        read.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("what").GetString())
            .ShouldContain($"{Marker} whom informed on {DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}");
        read.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("what").GetString())
            .ShouldContain($"Device IPAD-CW-1 secured at {Marker} safe");
        var timeline = read.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString()).ToList();
        timeline.ShouldContain($"Reopened: {Marker} reopen reason");
        timeline.ShouldContain($"Evidence referenced: {Marker} evidence");
        timeline.ShouldContain($"{Marker} sanction");
        timeline.ShouldContain($"Advice sought from {Marker} advice line");
        timeline.ShouldNotContain(s => s!.Contains("enc:v1:"));

        (await GetAsync($"/pupils/{file.Victim}/chronology")).GetRawText().ShouldContain($"Reopened: {Marker} reopen reason");
        (await GetAsync($"/pupils/{file.Victim}/subject-access")).GetRawText().ShouldContain($"{Marker} support rationale");
        (await GetAsync($"/incidents/{file.Id}/access-log")).GetRawText().ShouldContain($"{Marker} imagery reason");
        (await AuditExportAsync()).ShouldContain($"{Marker} imagery reason");
    }

    private async Task EraseAsync(string pupilId)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var erased = await dsl.PostAsJsonAsync($"/people/{pupilId}/erase", new { kind = "pupil", reason = "Erasure request, granted" });
        await erased.ReadOk();
    }

    private static string? ActionText(JsonElement incident, string kind, string field) =>
        incident.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == kind).GetProperty(field).GetString();

    /// <summary>Issue 17, 9a: erasing one child erased the case work of every other child involved.</summary>
    [Fact]
    public async Task erasing_one_pupil_erases_only_their_own_case_work_and_the_other_childs_record_stays()
    {
        var file = await WorkedCaseAsync("P-CW-3", "P-CW-4", childProtection: false);
        var (before, _) = await fixture.RawStreamAsync(file.Id);

        await EraseAsync(file.Victim);

        var (after, raw) = await fixture.RawStreamAsync(file.Id);
        after.ShouldBe(before);
        raw.ShouldNotContain(Marker, Case.Insensitive);
        var read = await GetAsync($"/incidents/{file.Id}");
        ActionText(read, "support", "what").ShouldBe(Erased);
        ActionText(read, "support", "why").ShouldBe(Erased);
        ActionText(read, "sanction", "what").ShouldBe($"{Marker} sanction");
        FreeText(read).Count(text => text == Erased).ShouldBe(2);
        read.GetProperty("people")[0].GetProperty("name").GetString().ShouldBe(Erased);
        read.GetProperty("people")[1].GetProperty("name").GetString().ShouldBe("Pupil B");
        (await GetAsync($"/pupils/{file.Instigator}/chronology")).GetRawText().ShouldContain($"Reopened: {Marker} reopen reason");
    }

    [Fact]
    public async Task erasing_every_pupil_involved_erases_every_case_work_text()
    {
        var file = await WorkedCaseAsync("P-CW-7", "P-CW-8", childProtection: false);

        await EraseAsync(file.Victim);
        await EraseAsync(file.Instigator);

        var read = await GetAsync($"/incidents/{file.Id}");
        FreeText(read).ShouldAllBe(text => text == Erased);
        read.GetRawText().ShouldNotContain(Marker);
        read.GetRawText().ShouldNotContain("enc:v");
        read.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString()).ShouldContain($"Reopened: {Erased}");
        (await GetAsync($"/pupils/{file.Victim}/chronology")).GetRawText().ShouldNotContain(Marker);
        (await GetAsync($"/pupils/{file.Instigator}/chronology")).GetRawText().ShouldNotContain(Marker);
        (await GetAsync($"/pupils/{file.Instigator}/subject-access")).GetRawText().ShouldNotContain(Marker);
        (await GetAsync($"/incidents/{file.Id}/access-log")).GetRawText().ShouldNotContain(Marker);
    }

    [Fact]
    public async Task a_worked_child_protection_file_is_not_erased_and_the_refusal_says_why()
    {
        var file = await WorkedCaseAsync("P-CW-9", "P-CW-10");
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var refused = await dsl.PostAsJsonAsync($"/people/{file.Victim}/erase", new { kind = "pupil", reason = "Erasure request" });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("child-protection-file");
        FreeText(await GetAsync($"/incidents/{file.Id}")).ShouldAllBe(text => text!.StartsWith(Marker));
    }

    [Fact]
    public async Task integration_events_of_worked_case_carry_no_case_work_text()
    {
        var file = await WorkedCaseAsync("P-CW-5", "P-CW-6");
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select tenant_id from incident.mt_events where stream_id = @id limit 1", connection);
        command.Parameters.AddWithValue("id", file.Id);
        var school = (string)(await command.ExecuteScalarAsync())!;

        await using var session = fixture.Store.QuerySession(school);
        var published = (await session.Events.FetchStreamAsync(file.Id))
            .Select(e => IncidentIntegrationEvents.Map(e.Data, school, e.Timestamp)).OfType<object>()
            .Select(m => JsonSerializer.Serialize(m, m.GetType())).ToList();

        published.Count.ShouldBe(6);
        published.ShouldAllBe(json => !json.Contains(Marker) && !json.Contains("enc:v"));
        published.ShouldContain(json => json.Contains("\"Outcome\":\"resolved-in-school\""));
    }
}
