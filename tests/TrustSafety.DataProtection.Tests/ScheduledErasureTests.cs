using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.DataProtection.Tests;

/// <summary>
/// Issue 17 (left over from point 9): an erasure refused only because retention keeps a file can be scheduled; it is
/// recorded as pending with its date, carried out by the retention review once due, and never while a legal hold holds.
/// The class's own fake clock (2026-10-05) is moved to 2037.
/// </summary>
public sealed class ScheduledErasureTests(IncidentFixture fixture) : IClassFixture<IncidentFixture>
{
    private async Task<Guid> ChildProtectionFileAsync(string pupilId, string name)
    {
        var id = await fixture.ReportAsync("staff.blakehill", fixture.Concern($"{name} was sent threatening voice notes",
            new { role = "child-victim", pupilId, name, dateOfBirth = "2012-03-04" }));
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var triage = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/triage")
        {
            Content = JsonContent.Create(new
            {
                illegal = false, category = "cyberbullying", fourC = "conduct", severity = 4, handlerId = "dsl.blakehill",
                handlerName = "Blakehill DSL", rationale = "Threats of violence: child-protection concern",
            }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        };
        using var triaged = await dsl.SendAsync(triage);
        triaged.StatusCode.ShouldBe(HttpStatusCode.OK, await triaged.Content.ReadAsStringAsync());
        return id;
    }

    private async Task<string?> NameOnAsync(Guid id)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var read = await dsl.GetFromJsonAsync<JsonElement>($"/incidents/{id}");
        return read.GetProperty("people")[0].GetProperty("name").GetString();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, object body)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        return await dsl.PostAsJsonAsync(path, body);
    }

    private async Task ReviewAsync()
    {
        using var review = await PostAsync("/retention/review", new { });
        review.StatusCode.ShouldBe(HttpStatusCode.OK, await review.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> PreviewAsync(string user, string pupilId)
    {
        using var client = await fixture.ClientFor(user);
        using var response = await client.GetAsync($"/people/{pupilId}/erasure-preview?kind=pupil");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> PendingFor(string pupilId)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var all = await dsl.GetFromJsonAsync<JsonElement>("/people/erasures");
        return all.EnumerateArray().Single(p => p.GetProperty("personId").GetString() == pupilId);
    }

    [Fact]
    public async Task an_erasure_kept_back_by_retention_is_scheduled_carried_out_when_due_and_never_under_legal_hold()
    {
        var jessica = await ChildProtectionFileAsync("P-SE-1", "Jessica Fairweather");
        var oliver = await ChildProtectionFileAsync("P-SE-2", "Oliver Threlkeld");

        // The preview says, by the erasure's own rules, what an erasure now would do: nothing, kept until 2037-03-04.
        var preview = await PreviewAsync("dsl.blakehill", "P-SE-1");
        preview.GetProperty("erasableNow").GetBoolean().ShouldBeFalse();
        preview.GetProperty("scheduleFor").GetString().ShouldBe("2037-03-04");
        var item = preview.GetProperty("incidents").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("incidentId").GetGuid().ShouldBe(jessica);
        item.GetProperty("outcome").GetString().ShouldBe("kept-by-retention");
        item.GetProperty("recordType").GetString().ShouldBe("child-protection-file");
        item.GetProperty("retainedUntil").GetString().ShouldBe("2037-03-04");
        // Another school's DSL learns nothing of the pupil; a pupil on no incident can be erased now.
        (await PreviewAsync("dsl.caldecote", "P-SE-1")).GetProperty("incidents").GetArrayLength().ShouldBe(0);
        (await PreviewAsync("dsl.blakehill", "P-SE-NONE")).GetProperty("erasableNow").GetBoolean().ShouldBeTrue();
        using (var dsl = await fixture.ClientFor("dsl.blakehill"))
        using (var noKind = await dsl.GetAsync("/people/P-SE-1/erasure-preview"))
        {
            noKind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await noKind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        }

        using (var refused = await PostAsync("/people/P-SE-1/erase", new { kind = "pupil", reason = "Erasure request from the family" }))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, "without asking for it, nothing is scheduled");
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("detail").GetString()!.ShouldContain("2037-03-04");
            // The same facts, structured, so a client need not parse the words.
            var kept = problem.GetProperty("kept").EnumerateArray().ShouldHaveSingleItem();
            kept.GetProperty("incidentId").GetGuid().ShouldBe(jessica);
            kept.GetProperty("legalHold").GetBoolean().ShouldBeFalse();
            kept.GetProperty("retainedUntil").GetString().ShouldBe("2037-03-04");
        }
        foreach (var pupil in new[] { "P-SE-1", "P-SE-2" })
            using (var scheduled = await PostAsync($"/people/{pupil}/erase", new { kind = "pupil", reason = "Erasure request from the family", whenRetentionEnds = true }))
            {
                scheduled.StatusCode.ShouldBe(HttpStatusCode.Accepted, await scheduled.Content.ReadAsStringAsync());
                (await scheduled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("dueOn").GetString().ShouldBe("2037-03-04");
            }
        var pending = await PendingFor("P-SE-1");
        pending.GetProperty("dueOn").GetString().ShouldBe("2037-03-04");
        pending.GetProperty("carriedOutAt").ValueKind.ShouldBe(JsonValueKind.Null);

        using (var hold = await PostAsync($"/incidents/{oliver}/legal-hold", new { reason = "Civil claim notified" }))
            hold.IsSuccessStatusCode.ShouldBeTrue(await hold.Content.ReadAsStringAsync());
        var held = await PreviewAsync("dsl.blakehill", "P-SE-2");
        held.GetProperty("scheduleFor").ValueKind.ShouldBe(JsonValueKind.Null, "a legal hold has no end date to schedule for");
        var heldItem = held.GetProperty("incidents").EnumerateArray().ShouldHaveSingleItem();
        heldItem.GetProperty("outcome").GetString().ShouldBe("kept-by-legal-hold");
        heldItem.GetProperty("holdReason").GetString().ShouldBe("Civil claim notified");

        await ReviewAsync();
        (await NameOnAsync(jessica)).ShouldBe("Jessica Fairweather", "nothing is erased years before its date");
        fixture.Clock.Advance(new DateTimeOffset(2037, 3, 3, 9, 0, 0, TimeSpan.Zero) - fixture.Clock.GetUtcNow());
        await ReviewAsync();
        (await NameOnAsync(jessica)).ShouldBe("Jessica Fairweather", "nor the day before");

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await ReviewAsync();
        (await NameOnAsync(jessica)).ShouldBe("[erased]", "carried out once due");
        (await PendingFor("P-SE-1")).GetProperty("carriedOutAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
        (await NameOnAsync(oliver)).ShouldBe("Oliver Threlkeld", "a legal hold keeps the file whatever the date");
        (await PendingFor("P-SE-2")).GetProperty("heldBy").GetString()!.ShouldContain("legal hold");

        using (var release = await PostAsync($"/incidents/{oliver}/legal-hold/release", new { reason = "Claim settled" }))
            release.IsSuccessStatusCode.ShouldBeTrue(await release.Content.ReadAsStringAsync());
        await ReviewAsync();
        (await NameOnAsync(oliver)).ShouldBe("[erased]", "carried out at the first review after the hold ends");
    }
}
