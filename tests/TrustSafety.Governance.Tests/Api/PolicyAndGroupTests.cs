using System.Net;
using System.Net.Http.Json;
using TrustSafety.Contracts.Incident;
using TrustSafety.Testing;

namespace TrustSafety.Governance.Tests.Api;

public sealed class PolicyAndGroupTests(GovernanceFixture fixture) : IClassFixture<GovernanceFixture>
{
    private async Task<long> Registered(HttpClient dsl, string code, string title)
    {
        var r = await dsl.Send(HttpMethod.Put, $"/policies/{code}", new { title }, ifMatch: 0);
        r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToString());
        return r.ETag!.Value;
    }

    [Fact]
    public async Task an_approved_policy_falls_overdue_a_year_on_and_shows_in_the_overdue_list()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var v = await Registered(dsl, "mobile-phones", "Mobile phones policy");
        var approved = await dsl.Send(HttpMethod.Post, "/policies/mobile-phones/versions",
            new { versionLabel = "3.0", approvedBy = "Full governing board", approvedOn = "2025-11-01" }, v);
        approved.Status.ShouldBe(HttpStatusCode.OK, approved.Body.ToString());
        approved.Body.GetProperty("reviewDueOn").GetString().ShouldBe("2026-11-01");
        approved.Body.GetProperty("state").GetString().ShouldBe("overdue");
        (await dsl.GetAsync("/policies/overdue").Ok()).EnumerateArray().ShouldContain(p => p.GetProperty("code").GetString() == "mobile-phones");

        var reviewed = await dsl.Send(HttpMethod.Post, "/policies/mobile-phones/reviews",
            new { reviewedBy = "Headteacher", reviewedOn = "2026-11-09" }, approved.ETag);
        reviewed.Status.ShouldBe(HttpStatusCode.OK, reviewed.Body.ToString());
        reviewed.Body.GetProperty("reviewDueOn").GetString().ShouldBe("2027-11-09");
        (await dsl.GetAsync("/policies/overdue").Ok()).EnumerateArray().ShouldNotContain(p => p.GetProperty("code").GetString() == "mobile-phones");
    }

    [Fact]
    public async Task policy_changes_need_if_match_and_another_school_gets_404()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        await Registered(dsl, "remote-learning", "Remote learning policy");
        var body = new { approvedBy = "Head", approvedOn = "2026-10-01" };
        (await dsl.Send(HttpMethod.Post, "/policies/remote-learning/versions", body)).Status.ShouldBe((HttpStatusCode)428);
        (await dsl.Send(HttpMethod.Post, "/policies/remote-learning/versions", body, 999)).Status.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var other = await fixture.ClientFor("dsl.caldecote");
        (await other.Send(HttpMethod.Post, "/policies/remote-learning/versions", body, 1)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync("/policies/remote-learning")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

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

    [Fact]
    public async Task a_termly_meeting_agrees_actions_that_form_the_action_plan()
    {
        using var head = await fixture.ClientFor("head.blakehill");
        var meeting = await head.Send(HttpMethod.Post, "/group/meetings",
            new { heldOn = "2026-11-05", attendees = "DSL, headteacher, IT lead, governor", notes = "Reviewed filtering reports." });
        meeting.Status.ShouldBe(HttpStatusCode.Created, meeting.Body.ToString());
        meeting.Body.GetProperty("term").GetString().ShouldBe("2026-autumn");
        var id = meeting.Body.GetProperty("id").GetGuid();
        var action = await head.Send(HttpMethod.Post, $"/group/meetings/{id}/actions",
            new { description = "Check YouTube restricted mode", owner = "IT lead", dueOn = "2026-11-09" }, meeting.ETag);
        action.Status.ShouldBe(HttpStatusCode.OK, action.Body.ToString());
        var actionId = action.Body.GetProperty("actions")[0].GetProperty("actionId").GetGuid();

        var plan = await head.GetAsync("/group/actions?status=open").Ok();
        plan.EnumerateArray().Single(i => i.GetProperty("action").GetProperty("actionId").GetGuid() == actionId)
            .GetProperty("overdue").GetBoolean().ShouldBeTrue();

        var done = await head.Send(HttpMethod.Post, $"/group/meetings/{id}/actions/{actionId}/status", new { status = "done" }, action.ETag);
        done.Status.ShouldBe(HttpStatusCode.OK, done.Body.ToString());
        (await head.GetAsync("/group/actions?status=open").Ok()).EnumerateArray()
            .ShouldNotContain(i => i.GetProperty("action").GetProperty("actionId").GetGuid() == actionId);
    }

    [Fact]
    public async Task a_technology_risk_assessment_records_risks_decision_and_review_date()
    {
        using var dsl = await fixture.ClientFor("dsl.blakehill");
        var created = await dsl.Send(HttpMethod.Post, "/risk-assessments", new
        {
            technology = "ClassChat", purpose = "Homework questions to teachers",
            risks = new[] { new { description = "Unmonitored pupil-to-pupil messages", likelihood = "high", impact = "high", mitigation = "Disable pupil DMs" } },
            decision = "approved", assessedOn = "2026-11-01", reviewOn = "2027-11-01",
        });
        created.Status.ShouldBe((HttpStatusCode)422, "a likely, high-impact risk is not approved without conditions");
        created = await dsl.Send(HttpMethod.Post, "/risk-assessments", new
        {
            technology = "ClassChat", purpose = "Homework questions to teachers",
            risks = new[] { new { description = "Unmonitored pupil-to-pupil messages", likelihood = "high", impact = "high", mitigation = "Disable pupil DMs" } },
            decision = "approved-with-conditions", conditions = "Pupil DMs off", assessedOn = "2026-11-01", reviewOn = "2027-11-01",
        });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Body.ToString());
        created.Body.GetProperty("state").GetString().ShouldBe("current");
        var bad = await dsl.Send(HttpMethod.Post, "/risk-assessments", new { risks = new[] { new { likelihood = "certain" } } });
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "technology", "purpose", "decision", "risks.likelihood", "assessedOn", "reviewOn" })
            bad.Body.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
    }
}
