using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustSafety.Identity.Demo;
using TrustSafety.Identity.Staff;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Tests.Staff;

/// <summary><c>GET /staff</c>: the caller's school's staff, for choosing an incident's handler.</summary>
public sealed class StaffDirectoryTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    private const string Blakehill = "141001";
    private const string Caldecote = "141002";
    private static readonly DemoUsers Demo = new();

    private async Task<HttpResponseMessage> GetStaffAsync(string? userName, string path = "/staff")
    {
        using var client = identity.Host.CreateClient();
        if (userName is not null)
        {
            var token = await identity.AccessTokenForAsync(userName);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        }

        return await client.GetAsync(path);
    }

    private async Task<JsonElement> StaffOfAsync(string userName, string path = "/staff")
    {
        using var response = await GetStaffAsync(userName, path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private static string[] Ids(JsonElement body) => [.. body.GetProperty("staff").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];

    private static string[] IdsOf(params string[] userNames) => [.. userNames.Select(u => Demo.All.Single(d => d.UserName == u).Id)];

    [Fact]
    public async Task the_dsl_of_blakehill_gets_exactly_blakehills_staff_safeguarding_team_first()
    {
        var body = await StaffOfAsync("dsl.blakehill");

        body.GetProperty("school").GetString().ShouldBe(Blakehill);
        Ids(body).ShouldBe(IdsOf("dsl.blakehill", "deputy.blakehill", "head.blakehill", "staff.blakehill", "it.blakehill"));
        var first = body.GetProperty("staff")[0];
        first.GetProperty("name").GetString().ShouldBe("DSL, Blakehill Primary");
        first.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["dsl"]);
    }

    [Fact]
    public async Task the_dsl_of_caldecote_never_sees_a_blakehill_account()
    {
        var body = await StaffOfAsync("dsl.caldecote");

        body.GetProperty("school").GetString().ShouldBe(Caldecote);
        var blakehill = Demo.All.Where(u => u.SchoolUrn == Blakehill).Select(u => u.Id).ToHashSet();
        Ids(body).ShouldNotBeEmpty();
        Ids(body).Where(blakehill.Contains).ShouldBeEmpty();
        Ids(body).ShouldBe(IdsOf("dsl.caldecote", "deputy.caldecote", "head.caldecote", "staff.caldecote"));
    }

    [Theory]
    [InlineData("deputy.blakehill")]
    [InlineData("head.blakehill")]
    public async Task the_deputy_and_the_headteacher_who_also_triage_may_read_the_list(string userName) =>
        Ids(await StaffOfAsync(userName)).ShouldContain(IdsOf("dsl.blakehill")[0]);

    [Theory]
    [InlineData("staff.blakehill")]
    [InlineData("governor.blakehill")]
    [InlineData("it.blakehill")]
    [InlineData("trust.lead")]
    [InlineData("it.admin")]
    public async Task anyone_outside_the_schools_safeguarding_team_is_forbidden(string userName)
    {
        using var response = await GetStaffAsync(userName);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task no_token_is_unauthorized_not_a_redirect_to_the_login_page()
    {
        using var response = await GetStaffAsync(null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task a_token_with_the_right_claims_signed_by_another_key_is_unauthorized()
    {
        using var rsa = RSA.Create(2048);
        var forged = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = IdentityProviderFixture.Issuer,
            Audience = "trustsafety-api",
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity([new("sub", "forged"), new("role", "dsl"), new("school", Blakehill)]),
        });
        using var client = identity.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        using var response = await client.GetAsync("/staff");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task the_answer_holds_only_ids_names_and_staff_roles_never_governors_pupils_or_secrets()
    {
        var body = await StaffOfAsync("dsl.blakehill");

        foreach (var member in body.GetProperty("staff").EnumerateArray())
        {
            member.EnumerateObject().Select(p => p.Name).ShouldBe(["id", "name", "roles"]);
            member.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ShouldAllBe(r => StaffDirectory.StaffRoles.Contains(r));
        }

        var text = body.ToString();
        text.ShouldNotContain("password", Case.Insensitive);
        text.ShouldNotContain("governor", Case.Insensitive);
        text.ShouldNotContain(DemoUsers.DemoPassword);
    }

    [Fact]
    public async Task a_role_filter_narrows_the_list_to_those_roles()
    {
        var body = await StaffOfAsync("dsl.blakehill", "/staff?role=dsl&role=deputy-dsl");

        Ids(body).ShouldBe(IdsOf("dsl.blakehill", "deputy.blakehill"));
    }

    [Fact]
    public async Task an_unknown_role_is_a_validation_problem_naming_role_and_the_allowed_values()
    {
        using var response = await GetStaffAsync("dsl.blakehill", "/staff?role=pupil&role=dsl");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty("role").EnumerateArray().Select(m => m.GetString()!).ToList();
        messages.ShouldHaveSingleItem().ShouldContain("'pupil' is not a staff role");
        messages[0].ShouldContain("deputy-dsl");
    }

    [Fact]
    public void accounts_without_a_staff_role_such_as_pupils_and_governors_are_never_listed()
    {
        var users = new DemoUsers(
        [
            new("t1", "teacher.a", "Teacher A", [PlatformRoles.Staff], "900001"),
            new("p1", "pupil.a", "Pupil A", ["pupil"], "900001"),
            new("g1", "governor.a", "Governor A", [PlatformRoles.Governor], "900001"),
            new("d1", "dsl.b", "DSL B", [PlatformRoles.Dsl], "900002"),
            new("l1", "trust.lead", "Lead", [PlatformRoles.TrustLead], null),
        ]);

        var staff = StaffDirectory.Of(users.All, "900001", []);

        staff.Staff.Select(s => s.Id).ShouldBe(["t1"]);
    }

    [Fact]
    public void a_member_of_staff_with_a_non_staff_role_too_is_listed_with_their_staff_roles_only()
    {
        var users = new DemoUsers([new("h1", "head.governor", "Head", [PlatformRoles.Headteacher, PlatformRoles.Governor], "900001")]);

        StaffDirectory.Of(users.All, "900001", []).Staff.ShouldHaveSingleItem().Roles.ShouldBe([PlatformRoles.Headteacher]);
    }
}
