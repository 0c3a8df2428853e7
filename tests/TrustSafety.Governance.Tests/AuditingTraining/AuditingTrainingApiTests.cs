namespace TrustSafety.Governance.Tests.AuditingTraining;

[Collection(TrainingApiCollection.Name)]
public sealed class AuditingTrainingApiTests(GovernanceFixture fixture)
{
    [Fact]
    public async Task governors_read_the_audit_and_staff_may_not()
    {
        using var governor = await fixture.ClientFor("governor.blakehill");
        (await governor.GetAsync("/training/audit")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await governor.PostAsJsonAsync("/training/sessions", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var staff = await fixture.ClientFor("staff.blakehill");
        (await staff.GetAsync("/training/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
