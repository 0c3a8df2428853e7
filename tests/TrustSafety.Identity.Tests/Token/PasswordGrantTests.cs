using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustSafety.Identity.Tests.Token;

public sealed class PasswordGrantTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    [Fact]
    public async Task a_dsl_gets_a_jwt_for_the_api_with_their_role_and_school()
    {
        var token = await identity.AccessTokenForAsync("dsl.blakehill");

        token.Issuer.ShouldBe(IdentityProviderFixture.Issuer);
        token.Audiences.ShouldBe(["trustsafety-api"]);
        token.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["dsl"]);
        token.GetClaim("school").Value.ShouldBe("141001");
        token.GetClaim("name").Value.ShouldBe("DSL, Blakehill Primary");
        token.Subject.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task a_trust_lead_token_carries_no_school()
    {
        var token = await identity.AccessTokenForAsync("trust.lead");

        token.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["trust-lead"]);
        token.TryGetClaim("school", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task the_same_user_always_gets_the_same_subject()
    {
        var first = await identity.AccessTokenForAsync("head.caldecote");
        var second = await identity.AccessTokenForAsync("head.caldecote");

        second.Subject.ShouldBe(first.Subject);
    }

    [Theory]
    [InlineData("dsl.blakehill", "wrong-password")]
    [InlineData("dsl.blakehill", "demo-password ")]
    [InlineData("nobody.here", "demo-password")]
    public async Task a_wrong_user_name_or_password_is_an_invalid_grant(string userName, string password)
    {
        using var response = await identity.PasswordGrantAsync(userName, password);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task the_access_token_validates_against_the_served_jwks()
    {
        var token = await identity.AccessTokenForAsync("staff.caldecote");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token.EncodedToken, new TokenValidationParameters
        {
            ValidIssuer = IdentityProviderFixture.Issuer,
            ValidAudience = "trustsafety-api",
            IssuerSigningKeys = await identity.SigningKeysAsync(),
            ValidTypes = ["at+jwt"],
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        result.ClaimsIdentity.FindFirst("school").ShouldNotBeNull("the access token carries no school claim").Value.ShouldBe("141002");
    }
}
