using System.Net;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Containing;

/// <summary>Issue 15: containment on real PostgreSQL through the HTTP API, never stored in plaintext.</summary>
[Collection(CaseFilesCollection.Name)]
public sealed class ContainingApiTests(CaseFilesFixture fixture)
{
    private readonly string Today = DateTime.UtcNow.ToString("yyyy-MM-dd");

    private Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3) => fixture.TriagedAsync(category, severity);

    [Fact]
    public async Task copies_are_deleted_only_after_the_dsl_records_that_no_agency_needs_them()
    {
        var (dsl, id, etag) = await TriagedAsync("cyberbullying");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var deleted = new { doneOn = Today, what = "Copies on two pupils' phones and the class chat" };

        using (var tooSoon = await deputy.ChangeAsync($"/incidents/{id}/containment/copies-deleted", deleted, etag))
            (await tooSoon.ShouldBeProblem(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("copies-not-needed");
        using (var notDsl = await deputy.ChangeAsync($"/incidents/{id}/containment/copies-not-needed", new { rationale = "r" }, etag))
            await notDsl.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await deputy.ChangeOkAsync($"/incidents/{id}/containment/content-blocked", new { doneOn = Today, what = "Chat URL blocked in the filter" }, etag);
        etag = await deputy.ChangeOkAsync($"/incidents/{id}/containment/reported-to-platform",
            new { doneOn = Today, what = "The abusive account", platform = "Snapchat", reference = "SC-991" }, etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/containment/copies-not-needed",
            new { rationale = "No referral: handled in school; parents agreed" }, etag);
        await deputy.ChangeOkAsync($"/incidents/{id}/containment/copies-deleted", deleted, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var files = incident.GetProperty("caseFiles");
        files.GetProperty("containment").EnumerateArray().Select(c => c.GetProperty("kind").GetString())
            .ShouldBe(["content-blocked", "reported-to-platform", "copies-deleted"]);
        files.GetProperty("containment")[2].GetProperty("what").GetString().ShouldBe(deleted.what);
        incident.GetProperty("timeline").EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "containment").ShouldBe(3);
        (await fixture.EverythingStoredAsync()).ShouldNotContain("Copies on two pupils");
    }
}
