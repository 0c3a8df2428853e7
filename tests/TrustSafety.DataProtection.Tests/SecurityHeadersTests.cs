using Microsoft.AspNetCore.Mvc.Testing;
using TrustSafety.Testing;

namespace TrustSafety.DataProtection.Tests;

public sealed class GatewayFixture : IAsyncLifetime
{
    public ServiceHost<Gateway.EntryPoint> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var identity = await IdentityServer.SharedAsync();
        Gateway = new(new Dictionary<string, string?> { ["Authentication:Authority"] = identity.Issuer });
    }

    public async Task DisposeAsync() => await Gateway.DisposeAsync();
}

/// <summary>The dashboard's headers come from the gateway: no framing, no referrer, a strict CSP; HSTS only over TLS.</summary>
public sealed class SecurityHeadersTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private HttpClient Client(string scheme) =>
        fixture.Gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://localhost/"), AllowAutoRedirect = false });

    [Theory]
    [InlineData("/")]
    [InlineData("/api/incident/incidents")]
    public async Task the_dashboard_and_api_forbid_framing_and_referrers_and_set_a_strict_csp(string path)
    {
        using var client = Client("http");
        using var response = await client.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldContain("default-src 'self'");
        csp.ShouldNotContain("unsafe-eval");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task hsts_is_sent_over_tls_and_never_over_plain_http()
    {
        using var http = Client("http");
        using var plain = await http.GetAsync("/");
        plain.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();

        using var https = Client("https");
        using var tls = await https.GetAsync("/");
        tls.Headers.GetValues("Strict-Transport-Security").Single().ShouldContain("max-age=");
    }
}
