using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.ServiceClients;

namespace TrustSafety.Identity.Tests.Token;

public sealed class ClientCredentialsGrantTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    // The local-demo default in services/identity/appsettings.json.
    private const string IngestClientId = "filtering-ingest";
    private const string IngestSecret = "LOCAL-DEMO-ONLY-filtering-ingest-client-secret-change-me";

    private async Task<HttpResponseMessage> ClientCredentialsAsync(string clientId, string secret, string? scope = "api")
    {
        using var client = identity.Host.CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null) form["scope"] = scope;
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    [Theory]
    [InlineData("api")]
    [InlineData(null)]
    public async Task a_service_client_gets_an_api_token_with_the_service_role_and_no_school(string? scope)
    {
        using var response = await ClientCredentialsAsync(IngestClientId, IngestSecret, scope);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());

        var token = new JsonWebToken(body.GetProperty("access_token").GetString());
        token.Issuer.ShouldBe(IdentityProviderFixture.Issuer);
        token.Audiences.ShouldBe(["trustsafety-api"]);
        token.Subject.ShouldBe(IngestClientId);
        token.Claims.Where(c => c.Type == "role").Select(c => c.Value).ShouldBe(["service"]);
        token.TryGetClaim("school", out _).ShouldBeFalse();
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task the_service_token_validates_against_the_served_jwks()
    {
        using var response = await ClientCredentialsAsync(IngestClientId, IngestSecret);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.GetProperty("access_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = IdentityProviderFixture.Issuer,
            ValidAudience = "trustsafety-api",
            IssuerSigningKeys = await identity.SigningKeysAsync(),
            ValidTypes = ["at+jwt"],
        });

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
    }

    [Theory]
    [InlineData(IngestClientId, "wrong-secret-wrong-secret-wrong")]
    [InlineData(IngestClientId, "")]
    [InlineData("nobody-service", IngestSecret)]
    [InlineData("trustsafety-cli", IngestSecret)]
    public async Task a_wrong_secret_an_unknown_client_or_a_public_client_gets_no_token(string clientId, string secret)
    {
        using var response = await ClientCredentialsAsync(clientId, secret);

        response.IsSuccessStatusCode.ShouldBeFalse();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().ShouldBeOneOf("invalid_client", "unauthorized_client", "invalid_request");
        body.TryGetProperty("access_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task a_service_client_cannot_ask_for_user_scopes()
    {
        using var response = await ClientCredentialsAsync(IngestClientId, IngestSecret, "openid school roles api");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public static TheoryData<ServiceClientOptions, string?> Entries() => new()
    {
        { new() { ClientId = "filtering-ingest", ClientSecret = new string('s', 24), Roles = ["service"] }, null },
        { new() { ClientId = "", ClientSecret = new string('s', 24), Roles = ["service"] }, "Identity:ServiceClients:0:ClientId" },
        { new() { ClientId = "filtering-ingest", ClientSecret = "short", Roles = ["service"] }, "Identity:ServiceClients:0:ClientSecret" },
        { new() { ClientId = "filtering-ingest", ClientSecret = new string('s', 24), Roles = [] }, "Identity:ServiceClients:0:Roles" },
        { new() { ClientId = "filtering-ingest", ClientSecret = new string('s', 24), Roles = ["service", "trust-lead"] }, "'trust-lead'" },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void a_service_client_entry_is_refused_at_start_up_naming_the_key_and_the_fix(ServiceClientOptions entry, string? named)
    {
        var result = new ServiceClientsValidation().Validate(null, new IdentityProviderOptions { ServiceClients = [entry] });

        if (named is null) result.Succeeded.ShouldBeTrue(result.FailureMessage);
        else (result.FailureMessage ?? "").ShouldContain(named);
    }

    [Fact]
    public void the_same_client_id_twice_is_refused()
    {
        var entry = new ServiceClientOptions { ClientId = "filtering-ingest", ClientSecret = new string('s', 24), Roles = ["service"] };

        var result = new ServiceClientsValidation().Validate(null, new IdentityProviderOptions { ServiceClients = [entry, entry] });

        (result.FailureMessage ?? "").ShouldContain("more than once");
    }
}
