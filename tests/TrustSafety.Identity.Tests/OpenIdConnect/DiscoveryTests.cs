using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.Identity.Tests.OpenIdConnect;

public sealed class DiscoveryTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    [Fact]
    public async Task discovery_document_names_the_configured_issuer_and_the_endpoints_on_the_host_it_was_asked_through()
    {
        using var client = identity.Host.CreateClient();

        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        discovery.GetProperty("issuer").GetString().ShouldBe(IdentityProviderFixture.Issuer);
        discovery.GetProperty("token_endpoint").GetString().ShouldBe("http://localhost/connect/token");
        discovery.GetProperty("authorization_endpoint").GetString().ShouldBe("http://localhost/connect/authorize");
        discovery.GetProperty("end_session_endpoint").GetString().ShouldBe("http://localhost/connect/logout");
        discovery.GetProperty("jwks_uri").GetString().ShouldBe("http://localhost/.well-known/jwks");
        new[] { "openid", "profile", "roles", "school", "api" }.ShouldBeSubsetOf(
            discovery.GetProperty("scopes_supported").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task through_the_gateway_the_endpoints_follow_the_forwarded_host_but_the_issuer_does_not()
    {
        using var client = identity.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Add("X-Forwarded-Host", "gateway.test:5080");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");

        using var response = await client.SendAsync(request);
        var discovery = await response.Content.ReadFromJsonAsync<JsonElement>();

        discovery.GetProperty("issuer").GetString().ShouldBe(IdentityProviderFixture.Issuer);
        discovery.GetProperty("authorization_endpoint").GetString().ShouldBe("http://gateway.test:5080/connect/authorize");
    }

    [Fact]
    public async Task jwks_publishes_one_rsa_signing_key()
    {
        var keys = await identity.SigningKeysAsync();

        keys.Count.ShouldBe(1);
        keys[0].KeyId.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task readiness_reports_healthy_when_the_database_answers()
    {
        using var client = identity.Host.CreateClient();

        (await client.GetStringAsync("/health/ready")).ShouldBe("Healthy");
        (await client.GetStringAsync("/health/live")).ShouldBe("Healthy");
    }
}
