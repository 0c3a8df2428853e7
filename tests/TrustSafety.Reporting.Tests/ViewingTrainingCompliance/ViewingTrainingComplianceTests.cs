using System.Text.Json;
using TrustSafety.Contracts.Governance;
using TrustSafety.Reporting.Governance;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.ViewingTrainingCompliance;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ViewingTrainingCompliance;

public sealed class ViewingTrainingComplianceTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static TrainingStatusChanged Person(string id, bool upToDate, DateTimeOffset? at = null) =>
        new(Caldecote, at ?? DateTimeOffset.UtcNow, id, "staff", true, true, Today.AddDays(-100),
            [new("safeguarding", upToDate ? Today.AddDays(200) : Today.AddDays(-1)), new("prevent", Today.AddDays(300))]);

    [Fact]
    public async Task the_governor_pack_shows_training_compliance_and_each_overdue_policy_review_and_the_trust_sees_it_by_school()
    {
        for (var i = 0; i < 6; i++) await fx.Publish(Person($"cal-{i}", upToDate: i < 3));
        await fx.Publish(new PolicyReviewDue(Caldecote, DateTimeOffset.UtcNow, "mobile-phones", "Mobile phones policy", 2, Today.AddDays(-3), null));
        await fx.Publish(new PolicyReviewDue(Caldecote, DateTimeOffset.UtcNow, "online-safety", "Online safety policy", 1, Today.AddDays(90), null));

        JsonElement school = default;
        await Eventually.True(async () =>
        {
            using var lead = await fx.ClientFor("trust.lead");
            var all = await lead.GetFromJsonAsync<JsonElement>("/trust/training-compliance");
            school = all.EnumerateArray().Single(s => s.GetProperty("urn").GetString() == Caldecote);
            return school.GetProperty("people").GetInt32() == 6 && school.GetProperty("overdue").GetInt32() == 1;
        }, TimeSpan.FromSeconds(20), "Caldecote's training and policy facts taken in");
        school.GetProperty("percent").GetDouble().ShouldBe(50.0);

        using var governor = await fx.ClientFor("governor.caldecote");
        var csv = await governor.GetStringAsync("/packs/school?format=csv&period=" + DateTime.UtcNow.ToString("yyyy-MM"));
        csv.ShouldContain("Training and policies,Staff and governors with training up to date on");
        csv.ShouldContain("(%),50");
        csv.ShouldContain("Training and policies,Policy review overdue: Mobile phones policy,due ");
        csv.ShouldNotContain("Online safety policy", Case.Sensitive, "a review not yet due is not overdue");
        csv.ShouldNotContain("cal-0", Case.Sensitive, "no person is named or identified");

        // A later position replaces the earlier one; an older one arriving late does not.
        await fx.Publish(Person("cal-5", upToDate: true));
        await fx.Publish(Person("cal-5", upToDate: false, at: DateTimeOffset.UtcNow.AddHours(-1)));
        await Eventually.True(async () =>
        {
            using var lead = await fx.ClientFor("trust.lead");
            var all = await lead.GetFromJsonAsync<JsonElement>("/trust/training-compliance");
            return all.EnumerateArray().Single(s => s.GetProperty("urn").GetString() == Caldecote).GetProperty("compliant").GetInt32() == 4;
        }, TimeSpan.FromSeconds(20), "the newer position counts");
    }

    [Theory]
    [InlineData(4, 4, null, "<5")]
    [InlineData(5, 4, 80.0, "80")]
    [InlineData(0, 0, null, "no records")]
    public void a_school_with_fewer_than_five_people_has_its_percentage_withheld(int people, int compliant, double? percent, string display)
    {
        var facts = Enumerable.Range(0, people).Select(i => new TrainingFact
        {
            Id = $"p{i}", Active = true, InductionComplete = true,
            Requirements = [new("safeguarding", i < compliant ? Today.AddDays(10) : Today.AddDays(-10))],
        });
        var figures = SchoolGovernance.Of("1", "School", facts, [], Today, SuppressionPolicy.SmallNumbers);
        figures.Percent.ShouldBe(percent);
        figures.Display.ShouldBe(display);
    }

    [Fact]
    public void training_never_done_or_no_induction_is_not_compliant()
    {
        new TrainingFact { InductionComplete = true, Requirements = [new("prevent", null)] }.CompliantOn(Today).ShouldBeFalse();
        new TrainingFact { InductionComplete = false, Requirements = [new("prevent", Today)] }.CompliantOn(Today).ShouldBeFalse();
        new TrainingFact { InductionComplete = true, Requirements = [new("prevent", Today)] }.CompliantOn(Today).ShouldBeTrue();
    }
}
