using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.OpeningConcernFromFilterAlert;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.OpeningConcernFromFilterAlert;

public sealed class OpeningConcernFromFilterAlertTests
{
    private static SafeguardingAlertRaised Alert(string category = "self-harm", Guid? device = null) => new(
        Guid.NewGuid(), "141001", Given.Now, Given.Now.AddMinutes(-5), "smoothwall", Guid.NewGuid(), category, "content", 4,
        "blocked", "https://bad.example/", "how to", device, "u-7f3a", "10.0.0.12");

    [Fact]
    public void an_alert_opens_a_concern_marked_as_from_a_filter_alert()
    {
        var alert = Alert(device: Guid.NewGuid());
        var reported = OpenConcernFromFilterAlert.Decide(Guid.NewGuid(), alert, Given.Now);
        reported.Source.ShouldBe(IncidentSources.FilterAlert);
        reported.FilterAlert!.AlertId.ShouldBe(alert.AlertId);
        reported.HappenedAt.ShouldBe(alert.EventAt);
        reported.Location.Device.ShouldBe("school-device");
        reported.AllegationAgainstStaff.ShouldBeFalse();
        reported.SuggestedFourC.ShouldBe("content");
    }

    [Theory]
    [InlineData("iwf-caic", "indecent-images-of-children")]
    [InlineData("CTIRU", "radicalisation-extremism")]
    [InlineData("extremism", "radicalisation-extremism")]
    [InlineData("illegal-iwf", "indecent-images-of-children")]
    [InlineData("illegal-ctiru", "radicalisation-extremism")]
    [InlineData("self-harm", "self-harm-suicide-eating-disorder")]
    [InlineData("Pro-suicide forums", "self-harm-suicide-eating-disorder")]
    [InlineData("pornography", "inappropriate-content")]
    [InlineData("violence", "inappropriate-content")]
    [InlineData("discrimination", "online-hate")]
    [InlineData("piracy", "copyright-plagiarism")]
    [InlineData("gambling", null)]
    [InlineData("drugs", null)]
    [InlineData("malware-hacking", null)]
    [InlineData("other", null)]
    public void a_filter_category_suggests_the_incident_category_of_the_crosswalk(string filterCategory, string? suggested) =>
        OpenConcernFromFilterAlert.SuggestedCategory(filterCategory).ShouldBe(suggested);

    [Fact]
    public void every_category_the_crosswalk_suggests_is_in_the_current_list() =>
        Contracts.Reference.FilterCategoryCrosswalk.ByFilterCategory.Values.ShouldAllBe(c => Contracts.Reference.IncidentCategories.All.Contains(c));

    [Fact]
    public void a_self_harm_alert_opens_a_concern_suggesting_self_harm() =>
        OpenConcernFromFilterAlert.Decide(Guid.NewGuid(), Alert("self-harm"), Given.Now).SuggestedCategory
            .ShouldBe("self-harm-suicide-eating-disorder");
}
