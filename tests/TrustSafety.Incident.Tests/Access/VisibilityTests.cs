using TrustSafety.Incident.Access;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Access;

public sealed class VisibilityTests
{
    private static Actor Who(string name) => name switch
    {
        "dsl" => Given.Dsl,
        "deputy" => Given.Deputy,
        "head" => Given.Head,
        "reporter" => Given.Staff,
        "other staff" => Given.OtherStaff,
        _ => new Actor("it-1", "IT", ["it-admin"]),
    };

    [Theory]
    [InlineData("dsl", false, true, true)]
    [InlineData("deputy", false, true, true)]
    [InlineData("head", false, true, true)]
    [InlineData("reporter", false, true, false)]
    [InlineData("other staff", false, false, false)]
    [InlineData("it admin", false, false, false)]
    [InlineData("dsl", true, true, true)]
    [InlineData("head", true, true, true)]
    [InlineData("deputy", true, false, false)]
    [InlineData("reporter", true, true, false)]
    [InlineData("other staff", true, false, false)]
    public void who_sees_and_manages_an_incident(string who, bool staffAllegation, bool sees, bool manages)
    {
        var incident = Given.Reported(staffAllegation ? "staff-instigator" : "child-victim", by: Given.Staff);
        Visibility.CanSee(incident, Who(who)).ShouldBe(sees);
        Visibility.CanManage(incident, Who(who)).ShouldBe(manages);
    }

    [Theory]
    [InlineData("dsl", true)]
    [InlineData("deputy", false)]
    [InlineData("head", false)]
    public void only_the_dsl_reads_the_access_log(string who, bool allowed) =>
        Visibility.CanReadAccessLog(Given.Reported(), Who(who)).ShouldBe(allowed);

    [Theory]
    [InlineData("dsl", true)]
    [InlineData("deputy", false)]
    [InlineData("head", false)]
    [InlineData("reporter", false)]
    public void only_the_dsl_reads_a_pupils_chronology(string who, bool allowed) =>
        Visibility.CanReadChronology(Who(who)).ShouldBe(allowed);
}
