using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// Identity and the gateway behind an edge whose origin is neither of their listen addresses, as in a cluster
/// (ingress → gateway → <c>http://identity/</c>): the public origin is <c>http://localhost:&lt;edge&gt;/</c>, a TCP
/// forwarder in front of the gateway, while identity listens on <c>127.0.0.1:&lt;port&gt;</c> and the gateway on
/// another. Identity trusts forwarded headers only from a range the gateway is not in (10.99.0.0/16), so what it
/// advertises comes from <c>Identity:PublicOrigin</c>, not from whatever Host header reached it. The gateway trusts
/// the edge (127.0.0.1, configured explicitly) for X-Forwarded-For, so per-caller limits key on the real caller.
/// </summary>
public sealed class BehindProxiesFixture : IAsyncLifetime
{
    private readonly Owned _owned = new();

    public string PublicOrigin { get; private set; } = null!;
    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<TrustSafety.Incident.EntryPoint> Incident { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;
    public Uri IdentityListenAddress => new(Identity.Issuer);

    public async Task InitializeAsync()
    {
        var gatewayPort = FreePort.Next();
        var edge = Own(new ChaosProxy("127.0.0.1", gatewayPort));
        PublicOrigin = $"http://localhost:{edge.Port}/";

        Identity = Own(await IdentityServer.StartAsync(new Dictionary<string, string>
        {
            ["Identity__Issuer"] = PublicOrigin,
            ["Identity__PublicOrigin"] = PublicOrigin,
            ["Identity__DashboardRedirectUris__0"] = PublicOrigin + "signin-callback.html",
            ["Identity__DashboardPostLogoutRedirectUris__0"] = PublicOrigin,
            ["ForwardedHeaders__TrustedProxies__0"] = "10.99.0.0/16",
        }));

        var rabbitVhost = Own(await TestVirtualHost.CreateAsync());
        var database = Own(await TestDatabase.CreateAsync("incident"));
        var incident = await PlatformSettings.ForAsync(database, rabbitVhost, Identity, "incident");
        incident["Authentication:Authority"] = PublicOrigin; // keys fetched through the public origin, as in a cluster
        Incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(incident, listen: true));

        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = PublicOrigin,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = Incident.Address.ToString(),
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
            // A service that is down (nothing listens there): the gateway must stay ready.
            ["ReverseProxy:Clusters:consent:Destinations:d1:Address"] = $"http://127.0.0.1:{FreePort.Next()}/",
            ["ForwardedHeaders:TrustedProxies:0"] = "127.0.0.1",
            ["Gateway:RateLimits:PerClientPerSecond"] = "1",
            ["Gateway:RateLimits:PerClientBurst"] = "30",
        }, listenOn: gatewayPort));
    }

    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        BaseAddress = new Uri(PublicOrigin),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

public sealed class BehindProxies(BehindProxiesFixture platform) : IClassFixture<BehindProxiesFixture>
{
    [Theory]
    [InlineData("through the edge")]
    [InlineData("at identity's listen address")]
    public async Task discovery_names_the_public_origin_for_issuer_and_every_endpoint(string how)
    {
        using var client = new HttpClient { BaseAddress = how == "through the edge" ? new Uri(platform.PublicOrigin) : platform.IdentityListenAddress };

        var discovery = await client.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration");

        discovery.GetProperty("issuer").GetString().ShouldBe(platform.PublicOrigin);
        foreach (var (endpoint, path) in new[]
                 {
                     ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"),
                     ("end_session_endpoint", "connect/logout"), ("jwks_uri", ".well-known/jwks"),
                 })
            discovery.GetProperty(endpoint).GetString().ShouldBe(platform.PublicOrigin + path, endpoint);
    }

    [Fact]
    public async Task a_token_from_the_public_origin_is_accepted_by_the_gateway_and_by_the_service_itself()
    {
        using var browser = platform.Browser();
        using var tokenResponse = await browser.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "trustsafety-cli", ["username"] = "dsl.blakehill",
            ["password"] = IdentityServer.DemoPassword, ["scope"] = "openid profile roles school api",
        }));
        var body = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        tokenResponse.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        var token = body.GetProperty("access_token").GetString()!;
        new JsonWebToken(token).Issuer.ShouldBe(platform.PublicOrigin);

        using var throughGateway = new HttpRequestMessage(HttpMethod.Get, "api/incident/incidents");
        throughGateway.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var viaGateway = await browser.SendAsync(throughGateway);
        viaGateway.StatusCode.ShouldBe(HttpStatusCode.OK, await viaGateway.Content.ReadAsStringAsync());

        using var direct = new HttpClient { BaseAddress = platform.Incident.Address };
        direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var atService = await direct.GetAsync("incidents");
        atService.StatusCode.ShouldBe(HttpStatusCode.OK, await atService.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task a_browser_without_a_session_is_sent_to_the_login_page_on_the_public_origin()
    {
        using var browser = platform.Browser();
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = "trustsafety-dashboard", ["response_type"] = "code", ["scope"] = "openid api",
            ["redirect_uri"] = platform.PublicOrigin + "signin-callback.html",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ["code_challenge_method"] = "S256",
            ["state"] = "s1",
        };

        using var response = await browser.GetAsync("connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(query));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!;
        location.IsAbsoluteUri.ShouldBeTrue(location.ToString());
        location.GetLeftPart(UriPartial.Path).ShouldBe(platform.PublicOrigin + "account/login");

        using var login = await browser.GetAsync(location);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task one_service_down_leaves_the_gateway_ready_and_shows_on_its_downstream_status()
    {
        using var browser = platform.Browser();

        using var ready = await browser.GetAsync("health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());

        // The platform was just started: a service may still be warming up on a busy machine, so wait (with a deadline)
        // until everything but the stopped consent reports ready, then check the picture.
        var status = await browser.GetFromJsonAsync<JsonElement>("health/downstream");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (DateTimeOffset.UtcNow < deadline && (status.GetProperty("services").GetProperty("incident").GetString() != "ready"
                   || status.GetProperty("services").GetProperty("identity").GetString() != "ready"))
        {
            await Task.Delay(250);
            status = await browser.GetFromJsonAsync<JsonElement>("health/downstream");
        }
        status.GetProperty("status").GetString().ShouldBe("Degraded", status.ToString());
        var services = status.GetProperty("services");
        services.GetProperty("consent").GetString().ShouldBe("not ready");
        services.GetProperty("incident").GetString().ShouldBe("ready");
        services.GetProperty("identity").GetString().ShouldBe("ready");
    }

    [Fact]
    public async Task callers_behind_the_trusted_edge_have_their_own_rate_budgets_keyed_on_x_forwarded_for()
    {
        using var browser = platform.Browser();
        async Task<HttpStatusCode[]> Burst(string forwardedFor, int count) =>
            await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/incident/health/live");
                request.Headers.Add("X-Forwarded-For", forwardedFor);
                using var response = await browser.SendAsync(request);
                return response.StatusCode;
            }));

        // Caller A spends its burst of 30 (refill 1/s) and more.
        (await Burst("203.0.113.10", 45)).ShouldContain(HttpStatusCode.TooManyRequests);
        // Caller B, behind the same edge, is not limited by A's spending.
        (await Burst("203.0.113.11", 10)).ShouldAllBe(s => s == HttpStatusCode.OK);
        // A caller cannot pick another budget by prepending addresses: the edge appends the real one, rightmost wins.
        (await Burst("198.51.100.1, 203.0.113.10", 5)).ShouldContain(HttpStatusCode.TooManyRequests);
    }
}

public sealed class TrustedProxiesConfiguration
{
    [Fact]
    public void addresses_and_ranges_parse_and_a_bad_entry_names_its_key_and_the_fix()
    {
        var parsed = TrustSafety.Telemetry.Hosting.TrustedProxies.Parse(["10.244.0.0/16", "10.0.3.7", "fd00::/8"]);
        parsed.Select(n => n.ToString()).ShouldBe(["10.244.0.0/16", "10.0.3.7/32", "fd00::/8"]);

        var error = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TrustSafety.Telemetry.Hosting.TrustedProxies.Parse(["10.0.0.0/8", "ingress-nginx"]));
        error.Message.ShouldContain("ForwardedHeaders:TrustedProxies:1");
        error.Message.ShouldContain("CIDR");
    }
}
