using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReportingConcern;

[Collection(IncidentApiCollection.Name)]
public sealed class ReportingConcernApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task a_retried_report_with_the_same_idempotency_key_records_one_concern()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, Guid Id)> Send()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/incidents") { Content = JsonContent.Create(IncidentClient.Report()) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await staff.Http.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, body.GetProperty("id").GetGuid());
        }

        var first = await Send();
        var retry = await Send();
        first.Status.ShouldBe(HttpStatusCode.Created);
        retry.Status.ShouldBe(HttpStatusCode.OK);
        retry.Id.ShouldBe(first.Id);
        (await staff.ListAsync()).Count(id => id == first.Id).ShouldBe(1);

        var other = await fixture.ClientFor("staff.caldecote");
        using var elsewhere = new HttpRequestMessage(HttpMethod.Post, "/incidents") { Content = JsonContent.Create(IncidentClient.Report()) };
        elsewhere.Headers.Add("Idempotency-Key", key);
        using var otherSchool = await other.Http.SendAsync(elsewhere);
        otherSchool.StatusCode.ShouldBe(HttpStatusCode.Created, "the same key from another school or reporter is another concern");
    }

    [Fact]
    public async Task a_bad_report_is_rejected_naming_every_bad_field_and_nothing_is_recorded()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var before = (await staff.ListAsync()).Count;
        using var response = await staff.Http.PostAsJsonAsync("/incidents", new
        {
            whatHappened = "", where = new { site = "moon", device = "school-device" }, people = new[] { new { role = "child-victim" } },
        });
        var errors = (await response.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["whatHappened", "howItCameToLight", "happenedAt", "where.site", "people[0].pupilId"], ignoreOrder: true);
        (await staff.ListAsync()).Count.ShouldBe(before);
    }

    [Fact]
    public async Task an_unknown_field_such_as_image_bytes_in_a_report_is_refused()
    {
        var staff = await fixture.ClientFor("staff.blakehill");
        var body = JsonSerializer.SerializeToNode(IncidentClient.Report())!.AsObject();
        body["imageBase64"] = "AAEC";
        using var response = await staff.Http.PostAsJsonAsync("/incidents", body);
        await response.ShouldBeProblem(HttpStatusCode.BadRequest);
    }
}
