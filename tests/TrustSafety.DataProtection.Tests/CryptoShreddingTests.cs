using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.DataProtection.Tests;

public sealed class CryptoShreddingTests(IncidentFixture fixture) : IClassFixture<IncidentFixture>
{
    private static readonly string[] PersonalText =
        ["Jessica Fairweather", "Oliver Threlkeld", "threatening voice notes", "2012-03-04", "the bus stop"];

    private object JessicaAndOliver(string jessica, string oliver) => fixture.Concern(
        "Jessica Fairweather was sent threatening voice notes",
        new { role = "child-victim", pupilId = jessica, name = "Jessica Fairweather", dateOfBirth = "2012-03-04" },
        new { role = "child-instigator", pupilId = oliver, name = "Oliver Threlkeld" });

    private async Task<JsonElement> ReadAsync(string user, Guid id)
    {
        using var client = await fixture.ClientFor(user);
        return await (await client.GetAsync($"/incidents/{id}")).ReadOk();
    }

    private async Task<HttpResponseMessage> EraseAsync(string user, string personId, object body)
    {
        using var client = await fixture.ClientFor(user);
        return await client.PostAsJsonAsync($"/people/{personId}/erase", body);
    }

    private static JsonElement Person(JsonElement incident, int index) => incident.GetProperty("people")[index];

    [Fact]
    public async Task personal_fields_are_stored_sealed_and_reads_open_them()
    {
        var id = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-1", "P-CS-2"));

        var (_, raw) = await fixture.RawStreamAsync(id);
        foreach (var text in PersonalText) raw.ShouldNotContain(text, Case.Insensitive);
        raw.ShouldContain("enc:v1:");

        var read = await ReadAsync("dsl.blakehill", id);
        read.GetProperty("whatHappened").GetString().ShouldBe("Jessica Fairweather was sent threatening voice notes");
        read.GetProperty("location").GetProperty("detail").GetString().ShouldBe("at the bus stop");
        Person(read, 0).GetProperty("name").GetString().ShouldBe("Jessica Fairweather");
        Person(read, 0).GetProperty("dateOfBirth").GetString().ShouldBe("2012-03-04");
        Person(read, 1).GetProperty("name").GetString().ShouldBe("Oliver Threlkeld");
    }

    /// <summary>Issue 17, 9a: erasing one child blanked the narrative for every other child involved.</summary>
    [Fact]
    public async Task erasing_a_pupil_erases_their_own_fields_and_keeps_the_narrative_for_the_other_child()
    {
        var id = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-3", "P-CS-4"));
        var (before, _) = await fixture.RawStreamAsync(id);

        using var erased = await EraseAsync("dsl.blakehill", "P-CS-3", new { kind = "pupil", reason = "Erasure request from the family, granted" });
        (await erased.ReadOk()).GetProperty("keyDestroyed").GetBoolean().ShouldBeTrue();

        var (after, raw) = await fixture.RawStreamAsync(id);
        after.ShouldBe(before);
        foreach (var text in PersonalText) raw.ShouldNotContain(text, Case.Insensitive);
        var read = await ReadAsync("dsl.blakehill", id);
        Person(read, 0).GetProperty("pupilId").GetString().ShouldBe("[erased]");
        Person(read, 0).GetProperty("name").GetString().ShouldBe("[erased]");
        Person(read, 0).GetProperty("dateOfBirth").GetString().ShouldBe("[erased]");
        Person(read, 1).GetProperty("name").GetString().ShouldBe("Oliver Threlkeld");
        read.GetProperty("whatHappened").GetString().ShouldBe("Jessica Fairweather was sent threatening voice notes");
        read.GetProperty("howItCameToLight").GetString().ShouldBe("Disclosure to form tutor");
        read.GetProperty("location").GetProperty("detail").GetString().ShouldBe("at the bus stop");
    }

    [Fact]
    public async Task erasing_the_last_child_involved_erases_the_narrative_too()
    {
        var id = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-10", "P-CS-11"));
        foreach (var pupil in new[] { "P-CS-10", "P-CS-11" })
            using (var erased = await EraseAsync("dsl.blakehill", pupil, new { kind = "pupil", reason = "Erasure granted" })) await erased.ReadOk();

        var read = await ReadAsync("dsl.blakehill", id);
        read.GetProperty("whatHappened").GetString().ShouldBe("[erased]");
        read.GetProperty("howItCameToLight").GetString().ShouldBe("[erased]");
        Person(read, 1).GetProperty("name").GetString().ShouldBe("[erased]");
    }

    /// <summary>Issue 17, 9a: erasure destroyed child-protection records that retention keeps until date of birth + 25 years.</summary>
    [Fact]
    public async Task erasure_is_refused_with_409_naming_the_child_protection_file_retention_keeps()
    {
        var id = await fixture.ReportAsync("staff.blakehill", fixture.Concern("Jessica Fairweather was sent threatening voice notes",
            new { role = "child-victim", pupilId = "P-CS-12", name = "Jessica Fairweather", dateOfBirth = "2012-03-04" },
            new { role = "child-instigator", pupilId = "P-CS-13", name = "Oliver Threlkeld", dateOfBirth = "2011-06-07" }));
        using (var dsl = await fixture.ClientFor("dsl.blakehill"))
        using (var triage = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/triage")
               {
                   Content = JsonContent.Create(new
                   {
                       illegal = false, category = "cyberbullying", fourC = "conduct", severity = 4, handlerId = "dsl.blakehill",
                       handlerName = "Blakehill DSL", rationale = "Threats of violence: child-protection concern",
                   }),
                   Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
               })
            await (await dsl.SendAsync(triage)).ReadOk();

        using var refused = await EraseAsync("dsl.blakehill", "P-CS-12", new { kind = "pupil", reason = "Erasure request from the family" });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("detail").GetString()!.ShouldContain($"incident {id} is a child-protection-file kept until 2037-03-04");
        problem.GetProperty("detail").GetString()!.ShouldContain("date of birth + 25 years");

        var read = await ReadAsync("dsl.blakehill", id);
        Person(read, 0).GetProperty("name").GetString().ShouldBe("Jessica Fairweather");
        read.GetProperty("whatHappened").GetString().ShouldBe("Jessica Fairweather was sent threatening voice notes");
    }

    [Fact]
    public async Task erasure_is_refused_with_409_while_a_file_is_under_legal_hold_and_allowed_once_released()
    {
        var id = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-14", "P-CS-15"));
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await (await dsl.PostAsJsonAsync($"/incidents/{id}/legal-hold", new { reason = "Civil claim notified" })).ReadOk();

        using (var refused = await EraseAsync("dsl.blakehill", "P-CS-15", new { kind = "pupil", reason = "Erasure request" }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await refused.Content.ReadAsStringAsync()).ShouldContain($"incident {id} is under legal hold");
        }
        Person(await ReadAsync("dsl.blakehill", id), 1).GetProperty("name").GetString().ShouldBe("Oliver Threlkeld");

        await (await dsl.PostAsJsonAsync($"/incidents/{id}/legal-hold/release", new { reason = "Claim settled" })).ReadOk();
        using (var erased = await EraseAsync("dsl.blakehill", "P-CS-15", new { kind = "pupil", reason = "Erasure request" })) await erased.ReadOk();
        Person(await ReadAsync("dsl.blakehill", id), 1).GetProperty("name").GetString().ShouldBe("[erased]");
    }

    [Fact]
    public async Task a_pupil_reported_again_after_erasure_is_readable_in_the_new_record_only()
    {
        var old = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-5", "P-CS-6"));
        using (var erased = await EraseAsync("dsl.blakehill", "P-CS-5", new { kind = "pupil", reason = "Erasure granted" })) await erased.ReadOk();
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var fresh = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-5", "P-CS-6"));

        Person(await ReadAsync("dsl.blakehill", old), 0).GetProperty("name").GetString().ShouldBe("[erased]");
        Person(await ReadAsync("dsl.blakehill", fresh), 0).GetProperty("name").GetString().ShouldBe("Jessica Fairweather");
    }

    [Fact]
    public async Task another_schools_erasure_of_the_same_pupil_id_changes_nothing_here()
    {
        var id = await fixture.ReportAsync("staff.blakehill", JessicaAndOliver("P-CS-7", "P-CS-8"));
        using (var erased = await EraseAsync("dsl.caldecote", "P-CS-7", new { kind = "pupil", reason = "Their own pupil" })) await erased.ReadOk();

        Person(await ReadAsync("dsl.blakehill", id), 0).GetProperty("name").GetString().ShouldBe("Jessica Fairweather");
    }

    [Fact]
    public async Task only_the_dsl_may_erase_and_bad_requests_name_every_field()
    {
        using var staff = await EraseAsync("staff.blakehill", "P-CS-9", new { kind = "pupil", reason = "x" });
        staff.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var deputy = await EraseAsync("deputy.blakehill", "P-CS-9", new { kind = "pupil", reason = "x" });
        deputy.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var bad = await EraseAsync("dsl.blakehill", "P-CS-9", new { kind = "parent" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["kind", "reason"], ignoreOrder: true);
    }

    [Fact]
    public async Task the_subject_access_export_holds_the_pupils_records_and_nothing_of_another_pupil()
    {
        var id = await fixture.ReportAsync("staff.blakehill", fixture.Concern("Unkind comments in a game chat",
            new { role = "child-victim", pupilId = "P-SAR-1", name = "Amira Quenby", dateOfBirth = "2013-01-02" },
            new { role = "child-instigator", pupilId = "P-SAR-2", name = "Barnaby Ostrander" }));
        var unrelated = await fixture.ReportAsync("staff.blakehill", fixture.Concern("Another matter entirely",
            new { role = "child-victim", pupilId = "P-SAR-2", name = "Barnaby Ostrander" }));

        using var client = await fixture.ClientFor("dsl.blakehill");
        using var response = await client.GetAsync("/pupils/P-SAR-1/subject-access");
        var export = await response.ReadOk();
        var text = export.GetRawText();

        export.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("incidentId").GetGuid()).ShouldBe([id]);
        text.ShouldContain("Amira Quenby");
        text.ShouldContain("2013-01-02");
        text.ShouldContain("Unkind comments in a game chat");
        text.ShouldNotContain("P-SAR-2");
        text.ShouldNotContain("Barnaby Ostrander");
        text.ShouldNotContain(unrelated.ToString());

        using var staff = await fixture.ClientFor("staff.blakehill");
        (await staff.GetAsync("/pupils/P-SAR-1/subject-access")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var otherSchool = await fixture.ClientFor("dsl.caldecote");
        (await (await otherSchool.GetAsync("/pupils/P-SAR-1/subject-access")).ReadOk())
            .GetProperty("incidents").GetArrayLength().ShouldBe(0);
    }
}
