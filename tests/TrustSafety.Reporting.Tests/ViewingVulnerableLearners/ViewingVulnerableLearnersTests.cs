using TrustSafety.Platform;
using TrustSafety.Reporting.Periods;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.VulnerableLearners;
using TrustSafety.Reporting.ViewingVulnerableLearners;

namespace TrustSafety.Reporting.Tests.ViewingVulnerableLearners;

/// <summary>Issue 15 point 5: vulnerable-learner context reaches the trust lead only as counts under the project's one suppression rule.</summary>
public sealed class ViewingVulnerableLearnersTests
{
    private static readonly School A = new("141001", "Blakehill Primary", "blakehill", 312);
    private static readonly School B = new("141002", "Caldecote Primary", "caldecote", 248);
    private static readonly School C = new("141003", "Stow Heath Primary", "stowheath", 405);
    private static readonly MonthRange Range = new(new DateOnly(2027, 1, 1), new DateOnly(2027, 2, 1));

    private static VulnerabilityContextMonth Month(School school, string month, int incidents, int lookedAfter = 0, int send = 0, int youngCarer = 0) => new()
    {
        Id = month, TenantId = school.Urn, Month = month, Revision = 1, Incidents = incidents,
        Counts = VulnerableLearnerContexts.All.ToDictionary(c => c, c => c switch
        {
            VulnerableLearnerContexts.LookedAfter => lookedAfter,
            VulnerableLearnerContexts.Send => send,
            VulnerableLearnerContexts.YoungCarer => youngCarer,
            _ => 0,
        }),
    };

    private static ContextShare Share(SchoolVulnerableLearners row, string context) => row.Contexts.Single(c => c.Context == context);

    [Fact]
    public void a_count_under_five_is_withheld_with_its_share_and_a_second_school_is_withheld_so_the_total_cannot_give_it_away()
    {
        var view = VulnerableLearnersReport.Build([A, B, C],
            [Month(A, "2027-01", 12, lookedAfter: 2), Month(A, "2027-02", 8, lookedAfter: 1), Month(B, "2027-01", 30, lookedAfter: 10),
             Month(C, "2027-02", 12)], Range, SuppressionPolicy.SmallNumbers);

        var a = view.Schools.Single(s => s.Urn == A.Urn);
        a.Incidents.Display.ShouldBe("20");
        Share(a, VulnerableLearnerContexts.LookedAfter).Count.Display.ShouldBe("<5");
        Share(a, VulnerableLearnerContexts.LookedAfter).Percent.ShouldBeNull();
        var b = view.Schools.Single(s => s.Urn == B.Urn);
        Share(b, VulnerableLearnerContexts.LookedAfter).Count.Display.ShouldBe("*");
        Share(b, VulnerableLearnerContexts.LookedAfter).Percent.ShouldBeNull();
        var c = view.Schools.Single(s => s.Urn == C.Urn);
        Share(c, VulnerableLearnerContexts.LookedAfter).Count.Display.ShouldBe("0");
        Share(c, VulnerableLearnerContexts.LookedAfter).Percent.ShouldBe(0);
        view.Trust.Incidents.Display.ShouldBe("62");
        Share(view.Trust, VulnerableLearnerContexts.LookedAfter).Count.Display.ShouldBe("13");
        Share(view.Trust, VulnerableLearnerContexts.LookedAfter).Percent.ShouldBe(21.0);
    }

    [Fact]
    public void a_count_of_one_in_the_only_school_with_any_withholds_the_trust_total_too()
    {
        var view = VulnerableLearnersReport.Build([A, B, C], [Month(A, "2027-01", 40, youngCarer: 1), Month(B, "2027-01", 25)], Range,
            SuppressionPolicy.SmallNumbers);

        Share(view.Schools.Single(s => s.Urn == A.Urn), VulnerableLearnerContexts.YoungCarer).Count.Display.ShouldBe("<5");
        Share(view.Trust, VulnerableLearnerContexts.YoungCarer).Count.Value.ShouldBeNull();
        Share(view.Trust, VulnerableLearnerContexts.YoungCarer).Percent.ShouldBeNull();
    }

    [Fact]
    public void a_school_with_few_incidents_shows_no_share_that_would_give_its_incident_count_away()
    {
        var view = VulnerableLearnersReport.Build([A, B], [Month(A, "2027-01", 3), Month(B, "2027-01", 50, send: 10)], Range,
            SuppressionPolicy.SmallNumbers);

        var a = view.Schools.Single(s => s.Urn == A.Urn);
        a.Incidents.Display.ShouldBe("<5");
        a.Contexts.ShouldAllBe(c => c.Percent == null);
        var b = view.Schools.Single(s => s.Urn == B.Urn);
        b.Incidents.Value.ShouldBeNull(); // withheld second, or A's <5 could be read off the total
        b.Contexts.ShouldAllBe(c => c.Percent == null);
        Share(b, VulnerableLearnerContexts.Send).Count.Display.ShouldBe("10");
    }

    [Fact]
    public void months_outside_the_range_and_earlier_revisions_of_a_month_are_not_counted()
    {
        var earlier = Month(A, "2027-01", 9, lookedAfter: 9);
        earlier.Revision = 0;
        var view = VulnerableLearnersReport.Build([A], [Month(A, "2026-12", 20, lookedAfter: 9), Month(A, "2027-03", 20, lookedAfter: 9),
            earlier, Month(A, "2027-01", 10)], Range, SuppressionPolicy.SmallNumbers);

        view.Schools.Single().Incidents.Display.ShouldBe("10");
        Share(view.Schools.Single(), VulnerableLearnerContexts.LookedAfter).Count.Display.ShouldBe("0");
    }
}
