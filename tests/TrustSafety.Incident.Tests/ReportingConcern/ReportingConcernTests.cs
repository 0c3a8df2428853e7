using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.ReportingConcern;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ReportingConcern;

public sealed class ReportingConcernTests
{
    private static readonly Dictionary<string, Func<ReportConcernRequest, ReportConcernRequest>> Breakages = new()
    {
        ["no what happened"] = r => r with { WhatHappened = " " },
        ["no how it came to light"] = r => r with { HowItCameToLight = null },
        ["no happened at"] = r => r with { HappenedAt = null },
        ["happened in the future"] = r => r with { HappenedAt = Given.Now.AddDays(1) },
        ["no where"] = r => r with { Where = null },
        ["unknown site"] = r => r with { Where = new LocationInput("the moon", "school-device", null) },
        ["unknown device"] = r => r with { Where = new LocationInput("on-site", "toaster", null) },
        ["unknown suggested category"] = r => r with { SuggestedCategory = "spam" },
        ["unknown suggested 4C"] = r => r with { SuggestedFourC = "cash" },
        ["nobody involved"] = r => r with { People = [] },
        ["unknown role"] = r => r with { People = [new PersonInput("bystander", null, null, null)] },
        ["child without pupil id"] = r => r with { People = [new PersonInput("child-victim", null, null, "Amy")] },
        ["staff without id or name"] = r => r with { People = [new PersonInput("staff-instigator", null, null, null)] },
    };

    [Theory]
    [InlineData("no what happened", "whatHappened")]
    [InlineData("no how it came to light", "howItCameToLight")]
    [InlineData("no happened at", "happenedAt")]
    [InlineData("happened in the future", "happenedAt")]
    [InlineData("no where", "where")]
    [InlineData("unknown site", "where.site")]
    [InlineData("unknown device", "where.device")]
    [InlineData("unknown suggested category", "suggestedCategory")]
    [InlineData("unknown suggested 4C", "suggestedFourC")]
    [InlineData("nobody involved", "people")]
    [InlineData("unknown role", "people[0].role")]
    [InlineData("child without pupil id", "people[0].pupilId")]
    [InlineData("staff without id or name", "people[0].staffId")]
    public void a_report_that_breaks_a_rule_is_rejected_naming_the_field(string breakage, string field) =>
        ReportConcern.Decide(Guid.NewGuid(), Breakages[breakage](Given.AReport()), Given.Staff, Given.Now).ShouldBeInvalid(field);

    [Fact]
    public void every_bad_field_is_named_in_one_rejection() =>
        ReportConcern.Decide(Guid.NewGuid(), new ReportConcernRequest(null, null, null, null, null), Given.Staff, Given.Now)
            .ShouldBeInvalid("whatHappened", "howItCameToLight", "happenedAt", "where", "people");

    [Theory]
    [InlineData("child-victim", false)]
    [InlineData("staff-victim", false)]
    [InlineData("staff-instigator", true)]
    [InlineData("other", false)]
    public void an_allegation_against_staff_is_a_report_naming_a_staff_instigator(string role, bool allegation) =>
        ReportConcern.Decide(Guid.NewGuid(), Given.AReport(role), Given.Staff, Given.Now)
            .ShouldAccept<ConcernReported>().AllegationAgainstStaff.ShouldBe(allegation);

    [Fact]
    public void a_valid_report_records_the_reporter_the_time_and_pupils_by_id()
    {
        var id = Guid.NewGuid();
        var reported = ReportConcern.Decide(id, Given.AReport(suggestedCategory: "cyberbullying"), Given.Staff, Given.Now)
            .ShouldAccept<ConcernReported>();
        reported.IncidentId.ShouldBe(id);
        reported.ReportedBy.ShouldBe(Given.Staff.Id);
        reported.ReportedAt.ShouldBe(Given.Now);
        reported.Source.ShouldBe(IncidentSources.Staff);
        reported.SuggestedCategory.ShouldBe("cyberbullying");
        reported.People.Select(p => p.PupilId).ShouldBe(["P-100", "P-200"]);
    }
}
