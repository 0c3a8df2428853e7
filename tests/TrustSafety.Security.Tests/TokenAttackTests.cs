using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustSafety.Security.Tests;

/// <summary>
/// Forged and broken tokens, at the gateway and at a service called directly (a service must not rely on the
/// gateway). A control token made the same way but valid proves the forgeries fail for the reason named.
/// </summary>
public sealed partial class TokenAttackTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Audience = "trustsafety-api";

    public static TheoryData<string> Entrances => new() { "gateway", "service" };

    private RsaSecurityKey IdentityKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(platform.Identity.SigningKeyPath));
        var key = new RsaSecurityKey(rsa);
        key.KeyId = Base64UrlEncoder.Encode(key.ComputeJwkThumbprint());
        return key;
    }

    private static RsaSecurityKey UnknownKey() => new(RSA.Create(2048)) { KeyId = "attacker-key" };

    private string Sign(SecurityKey key, DateTime? expires = null, string audience = Audience, string? issuer = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? platform.Identity.Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new("sub", "forged-dsl"), new("name", "Forged"), new("role", "dsl"), new("school", PlatformFixture.Blakehill)]),
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-20),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });

    private async Task<HttpStatusCode> ListIncidents(string entrance, string? token)
    {
        var (baseAddress, path) = entrance == "gateway"
            ? (platform.Gateway.Address, "/api/incident/incidents")
            : (platform.Incident.Address, "/incidents");
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_token_signed_with_identitys_real_key_and_valid_claims_is_accepted_so_the_forgeries_below_fail_only_for_their_flaw(string entrance) =>
        (await ListIncidents(entrance, Sign(IdentityKey()))).ShouldBe(HttpStatusCode.OK);

    [Theory, MemberData(nameof(Entrances))]
    public async Task no_token_gets_401(string entrance) =>
        (await ListIncidents(entrance, null)).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_token_from_an_unknown_signer_gets_401(string entrance) =>
        (await ListIncidents(entrance, Sign(UnknownKey()))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_token_from_an_unknown_issuer_gets_401_even_with_the_real_key(string entrance) =>
        (await ListIncidents(entrance, Sign(IdentityKey(), issuer: "https://evil.example/"))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task an_expired_token_from_an_unknown_signer_gets_401(string entrance) =>
        (await ListIncidents(entrance, Sign(UnknownKey(), DateTime.UtcNow.AddMinutes(-5)))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task an_expired_token_signed_with_the_real_key_gets_401(string entrance) =>
        (await ListIncidents(entrance, Sign(IdentityKey(), DateTime.UtcNow.AddMinutes(-5)))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_token_for_another_audience_gets_401(string entrance) =>
        (await ListIncidents(entrance, Sign(IdentityKey(), audience: "some-other-api"))).ShouldBe(HttpStatusCode.Unauthorized);

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_real_token_with_its_payload_changed_to_another_school_gets_401(string entrance)
    {
        var real = await platform.Identity.TokenForAsync("dsl.blakehill");
        var parts = real.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        payload.ShouldContain(PlatformFixture.Blakehill);
        var tampered = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.Replace(PlatformFixture.Blakehill, PlatformFixture.Caldecote)));
        (await ListIncidents(entrance, real)).ShouldBe(HttpStatusCode.OK);
        (await ListIncidents(entrance, $"{parts[0]}.{tampered}.{parts[2]}")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Entrances))]
    public async Task an_unsigned_alg_none_token_with_valid_claims_gets_401(string entrance)
    {
        var signed = new JsonWebToken(Sign(IdentityKey()));
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var payload = signed.EncodedPayload;
        (await ListIncidents(entrance, $"{header}.{payload}.")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory, MemberData(nameof(Entrances))]
    public async Task forged_school_and_tenant_headers_do_not_open_another_schools_incident(string entrance)
    {
        var caldecoteIncident = (await platform.PostAsync("dsl.caldecote", "/api/incident/incidents", Matrix.MatrixWorld.Concern("P-HDR-1")))
            .GetProperty("id").GetString();
        var (baseAddress, path) = entrance == "gateway"
            ? (platform.Gateway.Address, $"/api/incident/incidents/{caldecoteIncident}")
            : (platform.Incident.Address, $"/incidents/{caldecoteIncident}");
        using var http = await platform.Identity.ClientForAsync("dsl.blakehill", new HttpClient { BaseAddress = baseAddress });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-School-Urn", PlatformFixture.Caldecote);
        request.Headers.Add("X-Tenant-Id", PlatformFixture.Caldecote);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var owner = await platform.Identity.ClientForAsync("dsl.caldecote", new HttpClient { BaseAddress = baseAddress });
        (await owner.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Entrances))]
    public async Task a_trust_wide_user_naming_a_school_in_headers_is_still_refused_school_endpoints(string entrance)
    {
        var (baseAddress, path) = entrance == "gateway"
            ? (platform.Gateway.Address, "/api/incident/incidents")
            : (platform.Incident.Address, "/incidents");
        using var http = await platform.Identity.ClientForAsync("trust.lead", new HttpClient { BaseAddress = baseAddress });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-School-Urn", PlatformFixture.Blakehill);
        request.Headers.Add("X-Tenant-Id", PlatformFixture.Blakehill);
        using var response = await http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
