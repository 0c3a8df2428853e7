namespace TrustSafety.Governance.Tests.KeepingTheActionPlan;

[Collection(RecordsApiCollection.Name)]
public sealed class KeepingTheActionPlanApiTests(GovernanceFixture fixture)
{
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
}
