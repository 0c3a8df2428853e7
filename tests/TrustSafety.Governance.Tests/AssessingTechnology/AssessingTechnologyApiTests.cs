namespace TrustSafety.Governance.Tests.AssessingTechnology;

[Collection(RecordsApiCollection.Name)]
public sealed class AssessingTechnologyApiTests(GovernanceFixture fixture)
{
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
