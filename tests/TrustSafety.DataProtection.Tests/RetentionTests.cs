using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using TrustSafety.Incident.Retention;
using TrustSafety.Testing;

namespace TrustSafety.DataProtection.Tests;

/// <summary>Retention on a fake clock: time jumps years ahead instead of waiting; the clock only moves forward.</summary>
public sealed class RetentionTests(IncidentFixture fixture) : IClassFixture<IncidentFixture>
{
    private DateOnly Today => DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);

    private async Task<Guid> ReportAsync(string? dateOfBirth = null) => await fixture.ReportAsync("staff.blakehill", fixture.Concern(
        "Name-calling on a class chat",
        new { role = "child-victim", pupilId = $"P-RT-{Guid.NewGuid():N}"[..20], name = "Ffion Aldridge", dateOfBirth }));

    private async Task<string> ChangeAsync(HttpClient dsl, Guid id, string path, object body, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var response = await dsl.SendAsync(request);
        await response.ReadOk();
        return response.Headers.ETag!.Tag;
    }

    private async Task TriageAndCloseAsync(Guid id, int severity, bool close = true)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var etag = await ChangeAsync(dsl, id, "triage", new
        {
            illegal = false, category = "cyberbullying", fourC = "conduct", severity, handlerId = "dsl.blakehill",
            handlerName = "Blakehill DSL", rationale = "Targeted messages between pupils",
        }, "\"1\"");
        // Severity 5 requires informing the headteacher before closing (default route rule "critical").
        if (close && severity == 5)
            etag = await ChangeAsync(dsl, id, "actions/headteacher-informed", new { informedOn = Today, rationale = "Critical severity" }, etag);
        if (close)
            await ChangeAsync(dsl, id, "close", new { outcomeCode = "resolved-in-school", outcome = "Resolved with both families", rationale = "No repeat", lessonsLearnt = "none" }, etag);
    }

    private async Task<JsonElement> PostAsync(string path, object? body = null)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.PostAsJsonAsync(path, body ?? new { });
        return await response.ReadOk();
    }

    private async Task<JsonElement> RetentionOf(Guid id)
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        return await (await dsl.GetAsync($"/incidents/{id}/retention")).ReadOk();
    }

    private async Task<IReadOnlyList<object>> RetentionEventsOf(Guid id)
    {
        await using var session = fixture.Store.QuerySession("141001");
        return (await session.Events.FetchStreamAsync(RetentionStream.For(id))).Select(e => e.Data).ToList();
    }

    [Fact]
    public async Task a_closed_ordinary_incident_is_disposed_by_an_event_when_its_period_ends()
    {
        var id = await ReportAsync();
        await TriageAndCloseAsync(id, severity: 2);
        var closedOn = Today;
        (await RetentionOf(id)).GetProperty("retainUntil").GetString().ShouldBe(closedOn.AddYears(6).ToString("yyyy-MM-dd"));
        var (eventsBefore, _) = await fixture.RawStreamAsync(id);

        await PostAsync("/retention/review");
        (await RetentionEventsOf(id)).ShouldBeEmpty();

        fixture.Clock.Advance(TimeSpan.FromDays(365 * 6 + 3));
        await PostAsync("/retention/review");

        (await RetentionEventsOf(id)).ShouldHaveSingleItem().ShouldBeOfType<IncidentDisposed>().RecordType.ShouldBe(RecordTypes.OnlineSafetyIncident);
        (await RetentionOf(id)).GetProperty("disposed").GetBoolean().ShouldBeTrue();
        (await fixture.RawStreamAsync(id)).Events.ShouldBe(eventsBefore);
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var read = await (await dsl.GetAsync($"/incidents/{id}")).ReadOk();
        read.GetProperty("whatHappened").GetString().ShouldBe("[erased]");
        read.GetProperty("people")[0].GetProperty("name").GetString().ShouldBe("[erased]");
    }

    [Fact]
    public async Task a_legal_hold_blocks_disposal_until_it_is_released()
    {
        var id = await ReportAsync();
        await TriageAndCloseAsync(id, severity: 1);
        (await PostAsync($"/incidents/{id}/legal-hold", new { reason = "Civil claim notified by the trust's solicitors" }))
            .GetProperty("legalHold").GetBoolean().ShouldBeTrue();

        fixture.Clock.Advance(TimeSpan.FromDays(365 * 7));
        var run = await PostAsync("/retention/review");
        run.GetProperty("heldBack").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await RetentionEventsOf(id)).ShouldAllBe(e => e is LegalHoldPlaced);
        using (var dsl = await fixture.ClientFor("dsl.blakehill"))
        using (var refused = await dsl.PostAsJsonAsync($"/incidents/{id}/dispose", new { reason = "Reviewed" }))
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await RetentionOf(id)).GetProperty("disposed").GetBoolean().ShouldBeFalse();

        await PostAsync($"/incidents/{id}/legal-hold/release", new { reason = "Claim settled" });
        await PostAsync("/retention/review");
        (await RetentionEventsOf(id)).OfType<IncidentDisposed>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_child_protection_file_is_flagged_for_review_at_date_of_birth_plus_25_years_and_never_disposed_unseen()
    {
        var born = Today.AddYears(-11);
        var id = await ReportAsync(born.ToString("yyyy-MM-dd"));
        await TriageAndCloseAsync(id, severity: 5);
        var status = await RetentionOf(id);
        status.GetProperty("recordType").GetString().ShouldBe(RecordTypes.ChildProtectionFile);
        status.GetProperty("retainUntil").GetString().ShouldBe(born.AddYears(25).ToString("yyyy-MM-dd"));

        fixture.Clock.Advance(TimeSpan.FromDays(365 * 15));
        await PostAsync("/retention/review");
        await PostAsync("/retention/review");

        var due = (await RetentionEventsOf(id)).ShouldHaveSingleItem().ShouldBeOfType<RetentionReviewDue>();
        due.RetainUntil.ShouldBe(born.AddYears(25));
        (await RetentionOf(id)).GetProperty("disposed").GetBoolean().ShouldBeFalse();

        var disposed = await PostAsync($"/incidents/{id}/dispose", new { reason = "Reviewed: no ongoing safeguarding need" });
        disposed.GetProperty("disposed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task retention_changes_are_the_dsls_and_need_a_reason_and_another_school_gets_404()
    {
        var id = await ReportAsync();
        using var deputy = await fixture.ClientFor("deputy.blakehill");
        (await deputy.PostAsJsonAsync($"/incidents/{id}/legal-hold", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        using var noReason = await dsl.PostAsJsonAsync($"/incidents/{id}/legal-hold", new { reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("reason");
        using var other = await fixture.ClientFor("dsl.caldecote");
        (await other.PostAsJsonAsync($"/incidents/{id}/legal-hold", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await RetentionEventsOf(id)).ShouldBeEmpty();
    }
}
