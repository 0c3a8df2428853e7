using TrustSafety.Contracts.Incident;
using static TrustSafety.Governance.Tests.Fixtures.ApiGivens;

namespace TrustSafety.Governance.Tests.LearningLessons;

[Collection(RecordsApiCollection.Name)]
public sealed class LearningLessonsApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task a_lesson_learnt_from_a_closed_incident_links_it_and_asks_for_a_policy_review()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var v = await Registered(dsl, "online-safety", "Online safety policy");
        await dsl.Send(HttpMethod.Post, "/policies/online-safety/versions", new { approvedBy = "Governors", approvedOn = "2026-09-15" }, v);
        var incident = Guid.NewGuid();

        var early = await dsl.Send(HttpMethod.Post, "/group/lessons", new { incidentId = incident, summary = "Group chats need a clearer rule." });
        early.Status.ShouldBe(HttpStatusCode.NotFound, "governance has not learnt of the incident yet");

        await fixture.Bus.Publish(new IncidentClosed(incident, "141001", GovernanceFixture.Start, "advice-given"));
        var lesson = default(System.Text.Json.JsonElement);
        await Eventually.True(async () =>
        {
            var r = await dsl.Send(HttpMethod.Post, "/group/lessons", new
            {
                incidentId = incident, summary = "Group chats need a clearer rule.", policyCode = "online-safety", reviewDueOn = "2026-12-01",
            });
            lesson = r.Body;
            return r.Status == HttpStatusCode.Created;
        }, TimeSpan.FromSeconds(30), "the closed incident reaches governance and the lesson is recorded");

        lesson.GetProperty("incidentLink").GetString().ShouldBe($"#/incidents/{incident}");
        lesson.GetProperty("summary").GetString().ShouldBe("Group chats need a clearer rule.");
        var policy = await dsl.GetAsync("/policies/online-safety").Ok();
        policy.GetProperty("status").GetProperty("reviewDueOn").GetString().ShouldBe("2026-12-01");
        policy.GetProperty("status").GetProperty("state").GetString().ShouldBe("due-soon");
        policy.GetProperty("status").GetProperty("openRequests").EnumerateArray().Single().GetProperty("lessonId").GetGuid()
            .ShouldBe(lesson.GetProperty("id").GetGuid());

        using var deputy = await fixture.ClientFor("deputy.blakehill");
        (await deputy.PostAsJsonAsync("/group/lessons", new { incidentId = incident, summary = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var other = await fixture.ClientFor("dsl.caldecote");
        (await other.Send(HttpMethod.Post, "/group/lessons", new { incidentId = incident, summary = "x" })).Status.ShouldBe(HttpStatusCode.NotFound);
    }
}
