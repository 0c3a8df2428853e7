using TrustSafety.Identity.Demo;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Tests.Demo;

public sealed class DemoUsersTests
{
    private readonly DemoUsers _users = new();

    [Theory]
    [InlineData("trust.lead", "trust-lead", null)]
    [InlineData("it.admin", "it-admin", null)]
    [InlineData("it.blakehill", "it-admin", "141001")]
    [InlineData("dsl.blakehill", "dsl", "141001")]
    [InlineData("dsl.caldecote", "dsl", "141002")]
    [InlineData("dsl.stowheath", "dsl", "141003")]
    [InlineData("dsl.westfield", "dsl", "141004")]
    [InlineData("dsl.wodensfield", "dsl", "141005")]
    [InlineData("dsl.oakmere", "dsl", "141006")]
    [InlineData("deputy.blakehill", "deputy-dsl", "141001")]
    [InlineData("head.caldecote", "headteacher", "141002")]
    [InlineData("staff.blakehill", "staff", "141001")]
    [InlineData("governor.caldecote", "governor", "141002")]
    public void each_demo_user_has_their_role_and_school(string userName, string role, string? school)
    {
        var user = _users.Authenticate(userName, DemoUsers.DemoPassword).ShouldNotBeNull();

        user.Roles.ShouldBe([role]);
        user.SchoolUrn.ShouldBe(school);
        user.DisplayName.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("dsl.blakehill", "Demo-Password")]
    [InlineData("dsl.blakehill", null)]
    [InlineData(null, "demo-password")]
    [InlineData("head.stowheath", "demo-password")]
    public void anything_but_a_known_user_with_the_demo_password_is_refused(string? userName, string? password) =>
        _users.Authenticate(userName, password).ShouldBeNull();

    [Fact]
    public void subjects_are_unique_and_found_again_by_id()
    {
        _users.All.Select(u => u.Id).ShouldBeUnique();
        foreach (var user in _users.All)
        {
            _users.FindById(user.Id).ShouldBe(user);
        }
    }

    [Fact]
    public void every_school_of_the_platforms_one_demo_list_has_its_dsl()
    {
        // Identity reads the same DemoTrust as the services (TrustSafety.Platform): no copy to drift from.
        foreach (var school in DemoTrust.Schools)
            _users.All.ShouldContain(u => u.UserName == $"dsl.{school.Slug}" && u.SchoolUrn == school.Urn && u.Roles.Contains(PlatformRoles.Dsl));
    }
}
