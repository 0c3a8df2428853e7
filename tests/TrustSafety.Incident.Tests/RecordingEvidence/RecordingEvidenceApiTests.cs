using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.RecordingEvidence;

[Collection(IncidentApiCollection.Name)]
public sealed class RecordingEvidenceApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task imagery_uploads_are_refused_citing_ukcis_and_each_attempt_is_an_audit_fact()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);

        using var multipart = new MultipartFormDataContent { { new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0]) { Headers = { ContentType = new("image/jpeg") } }, "file", "photo.jpg" } };
        using var multipartRequest = new HttpRequestMessage(HttpMethod.Post, $"/incidents/{id}/evidence") { Content = multipart };
        multipartRequest.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        using var refused = await dsl.Http.SendAsync(multipartRequest);
        (await refused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()!.ShouldContain("UKCIS");

        using var base64 = await dsl.ChangeAsync($"/incidents/{id}/evidence", new { description = "photo", imageBase64 = Convert.ToBase64String(new byte[100]) }, etag);
        (await base64.ShouldBeProblem(HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString().ShouldBe("Imagery is never stored for this incident");

        var log = await dsl.GetJsonAsync($"/incidents/{id}/access-log");
        log.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "imagery-upload-refused").ShouldBe(2);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/evidence", new
        {
            description = "Image held on pupil's phone", sha256 = new string('a', 64), deviceHolder = "Police, ref CAD-1", sealedLocation = "Evidence bag 12",
        }, etag);
        await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide whether a referral was needed" }, etag);
        var (incident, _) = await dsl.GetAsync(id);
        incident.GetProperty("evidence").GetArrayLength().ShouldBe(1);
        incident.GetProperty("imageryViews")[0].GetProperty("reason").GetString().ShouldBe("To decide whether a referral was needed");
        (await dsl.GetJsonAsync($"/incidents/{id}/access-log")).EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "imagery-viewed");
    }

    /// <summary>Issue 17, 9d: a deputy or the headteacher could record viewing imagery, and the timeline always said "The DSL".</summary>
    [Fact]
    public async Task only_the_dsl_or_whom_the_dsl_delegated_in_writing_may_record_viewing_imagery_and_the_timeline_names_who_it_was()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var deputy = await fixture.ClientFor("deputy.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);

        using (var undelegated = await head.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To see what was shared" }, etag))
            (await undelegated.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("delegat");
        using (var deputyDelegating = await deputy.ChangeAsync($"/incidents/{id}/imagery-viewing-delegations",
                   new { delegateId = DemoSubject("deputy.blakehill"), delegateName = "Deputy", delegateRole = "deputy-dsl", instruction = "Myself" }, etag))
            await deputyDelegating.ShouldBeProblem(HttpStatusCode.Forbidden);

        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations", new
        {
            delegateId = DemoSubject("head.blakehill"), delegateName = "Helen Hartley", delegateRole = "headteacher",
            instruction = "I am on leave; the head decides whether the images meet the referral threshold",
        }, etag);
        using (var deputyStill = await deputy.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To help" }, etag))
            await deputyStill.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await head.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide whether a referral was needed" }, etag);
        await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewed", new { reason = "To confirm the referral on my return" }, etag);

        var (incident, _) = await dsl.GetAsync(id);
        var timeline = incident.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("summary").GetString()).ToList();
        timeline.ShouldContain("Headteacher Headteacher, Blakehill Primary viewed the imagery (delegated in writing by DSL DSL, Blakehill Primary)");
        timeline.ShouldContain("DSL DSL, Blakehill Primary viewed the imagery");
        timeline.ShouldNotContain("The DSL viewed the imagery");
        incident.GetProperty("imageryViews").EnumerateArray().Select(v => v.GetProperty("viewerRole").GetString()).ShouldBe(["headteacher", "dsl"]);
        incident.GetProperty("imageryDelegations")[0].GetProperty("instruction").GetString()!.ShouldContain("referral threshold");
    }

    [Fact]
    public async Task a_revoked_delegation_no_longer_lets_the_delegate_record_viewing_imagery()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var head = await fixture.ClientFor("head.blakehill");
        var (id, etag) = await dsl.ReportAsync(IncidentClient.Report(suggestedCategory: "nudes-semi-nudes"));
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage("nudes-semi-nudes", 4), etag);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations", new
        {
            delegateId = DemoSubject("head.blakehill"), delegateName = "Helen Hartley", delegateRole = "headteacher", instruction = "While I am on leave",
        }, etag);
        var delegationId = (await dsl.GetAsync(id)).Body.GetProperty("imageryDelegations")[0].GetProperty("id").GetGuid();

        using (var byHead = await head.ChangeAsync($"/incidents/{id}/imagery-viewing-delegations/{delegationId}/revocation", new { reason = "Mine" }, etag))
            await byHead.ShouldBeProblem(HttpStatusCode.Forbidden);
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/imagery-viewing-delegations/{delegationId}/revocation",
            new { reason = "I am back from leave" }, etag);
        using (var headAfter = await head.ChangeAsync($"/incidents/{id}/imagery-viewed", new { reason = "To decide on a referral" }, etag))
            (await headAfter.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("delegat");

        var (incident, _) = await dsl.GetAsync(id);
        var delegation = incident.GetProperty("imageryDelegations")[0];
        delegation.GetProperty("revocationReason").GetString().ShouldBe("I am back from leave");
        delegation.GetProperty("active").GetBoolean().ShouldBeFalse();
        incident.GetProperty("imageryViews").GetArrayLength().ShouldBe(0);
    }

    private static string DemoSubject(string userName) => new Guid(System.Security.Cryptography.SHA256.HashData(
        Encoding.UTF8.GetBytes("trustsafety-demo-user:" + userName)).AsSpan(0, 16)).ToString();
}
