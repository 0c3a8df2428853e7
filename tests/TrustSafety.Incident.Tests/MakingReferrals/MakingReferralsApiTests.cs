using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.MakingReferrals;

[Collection(IncidentApiCollection.Name)]
public sealed class MakingReferralsApiTests(IncidentApiFixture fixture)
{
    [Fact]
    public async Task a_referral_past_its_due_date_without_an_outcome_is_listed_as_overdue()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        var madeOn = DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd");
        var dueOn = DateTime.UtcNow.AddDays(-3).ToString("yyyy-MM-dd");
        await dsl.ChangeOkAsync($"/incidents/{id}/referrals", new { destination = "childrens-social-care", referenceNumber = "MASH-9", madeOn, dueOn, rationale = "Threshold met" }, etag);

        var overdue = (await dsl.GetJsonAsync("/referrals/overdue")).EnumerateArray().Single(r => r.GetProperty("incidentId").GetGuid() == id);
        overdue.GetProperty("daysOverdue").GetInt32().ShouldBe(3);
    }
}
