using System.Net;
using System.Net.Http.Headers;

namespace TrustSafety.Security.Tests;

/// <summary>
/// Issue 17 points 3 and 8 as an outsider meets them: no public port serves metrics (gateway, every service, identity),
/// no answer names its server software, and no API answer may be cached (the dashboard's files may).
/// </summary>
public sealed class PublicSurfaceTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly string[] Services = ["incident", "reporting", "device-register", "consent", "filtering-ingest", "identity", "notifications", "governance"];

    [Theory]
    [InlineData(null)]
    [InlineData("governor.caldecote")]
    [InlineData("dsl.blakehill")]
    public async Task no_path_through_the_gateway_serves_metrics(string? user)
    {
        using var client = await platform.GatewayClientFor(user);
        foreach (var path in Services.Select(s => $"/api/{s}/metrics").Append("/metrics").Append("/metrics/x").Append("/api/incident/metrics/"))
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{path}: {body[..Math.Min(200, body.Length)]}");
            body.ShouldNotContain("# TYPE");
        }
    }

    [Fact]
    public async Task no_service_nor_identity_serves_metrics_on_the_port_the_gateway_routes_to()
    {
        var token = await platform.Identity.TokenForAsync("dsl.blakehill");
        var publicPorts = new[]
        {
            platform.Incident.Address, platform.Reporting.Address, platform.Consent.Address, platform.DeviceRegister.Address,
            platform.FilteringIngest.Address, platform.Notifications.Address, platform.Governance.Address, new Uri(platform.Identity.Issuer), platform.Gateway.Address,
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var address in publicPorts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "metrics"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{address}metrics");
            body.ShouldNotContain("# TYPE");
        }
    }

    [Fact]
    public async Task no_answer_names_its_server_software()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var addresses = new[]
        {
            new Uri(platform.Identity.Issuer, UriKind.Absolute), new Uri(new Uri(platform.Identity.Issuer), ".well-known/openid-configuration"),
            new Uri(new Uri(platform.Identity.Issuer), "account/login"),
            new Uri(platform.Gateway.Address, "/"), new Uri(platform.Gateway.Address, "/.well-known/openid-configuration"),
            new Uri(platform.Gateway.Address, "/api/incident/incidents"), new Uri(platform.Gateway.Address, "/api/identity/staff"),
            new Uri(platform.Incident.Address, "incidents"),
        };
        foreach (var address in addresses)
        {
            using var response = await http.GetAsync(address);
            response.Headers.Server.ShouldBeEmpty($"{address} answered with Server: {response.Headers.Server}");
        }
    }

    [Fact]
    public async Task api_answers_are_never_cached_and_the_dashboard_files_may_be()
    {
        using var dsl = await platform.GatewayClientFor("dsl.blakehill");
        using var anonymous = await platform.GatewayClientFor(null);
        using var list = await dsl.GetAsync("/api/incident/incidents");
        using var staff = await dsl.GetAsync("/api/identity/staff");
        using var refused = await anonymous.GetAsync("/api/incident/incidents");
        using var badPaging = await dsl.GetAsync("/api/incident/incidents?page=2147483647");
        using var token = await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "trustsafety-cli", ["username"] = "staff.blakehill",
            ["password"] = "demo-password", ["scope"] = "openid api",
        }));
        using var directClient = new HttpClient();
        using var direct = await directClient.GetAsync(new Uri(platform.Consent.Address, "consent-types"));

        foreach (var (what, response) in new[] { ("list", list), ("staff", staff), ("refused", refused), ("bad paging", badPaging), ("token", token), ("service directly", direct) })
            response.Headers.CacheControl.ShouldNotBeNull($"{what} ({(int)response.StatusCode}) has no Cache-Control").NoStore.ShouldBeTrue(what);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        badPaging.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var dashboard = await anonymous.GetAsync("/");
        dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
        (dashboard.Headers.CacheControl?.NoStore ?? false).ShouldBeFalse("the dashboard's static files keep their caching");
    }
}
