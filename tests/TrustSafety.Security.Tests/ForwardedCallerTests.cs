using System.Net;
using System.Text;
using TrustSafety.Testing;

namespace TrustSafety.Security.Tests;

/// <summary>
/// filtering-ingest with a small failed-webhook budget per caller (burst 3, then 1 a minute) behind two gateways: one
/// that trusts the proxy in front of it (127.0.0.1, as the ingress in a cluster) and one configured with no trusted
/// proxy (the default). The test client on loopback plays the ingress for the first and an attacker for the second.
/// </summary>
public sealed class ForwardedCallerFixture : IAsyncLifetime
{
    private readonly Owned _owned = new();
    public ServiceHost<TrustSafety.Gateway.EntryPoint> BehindTrustedEdge { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> TrustingNobody { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var identity = await IdentityServer.SharedAsync();
        var vhost = Own(await TestVirtualHost.CreateAsync());
        var database = Own(await TestDatabase.CreateAsync("filtering_ingest"));
        var ingest = await PlatformSettings.ForAsync(database, vhost, identity, "filtering-ingest");
        ingest["Ingest:Syslog:TcpPort"] = "-1";
        ingest["Ingest:Syslog:UdpPort"] = "-1";
        ingest["Ingest:FailingCallerPerMinute"] = "1";
        ingest["Ingest:FailingCallerBurst"] = "3";
        var service = Own(new ServiceHost<TrustSafety.FilteringIngest.EntryPoint>(ingest, listen: true));

        Dictionary<string, string?> Gateway(string? trusted)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Authentication:Authority"] = identity.Issuer,
                ["ReverseProxy:Clusters:filtering-ingest:Destinations:d1:Address"] = service.Address.ToString(),
                ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = identity.Issuer,
            };
            if (trusted is not null) settings["ForwardedHeaders:TrustedProxies:0"] = trusted;
            return settings;
        }
        BehindTrustedEdge = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(Gateway("127.0.0.1"), listen: true));
        TrustingNobody = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(Gateway(null), listen: true));
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

/// <summary>
/// Issue 17 (left over from point 6): behind the ingress every vendor must not share one failed-webhook budget at
/// filtering-ingest, and nobody the gateway does not trust may choose its own budget by sending X-Forwarded-For.
/// </summary>
public sealed class ForwardedCallerTests(ForwardedCallerFixture f) : IClassFixture<ForwardedCallerFixture>
{
    private static async Task<HttpStatusCode> BadWebhookAsync(ServiceHost<TrustSafety.Gateway.EntryPoint> gateway, string forwardedFor)
    {
        using var client = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/filtering-ingest/webhooks/{Guid.NewGuid()}")
        {
            Content = new StringContent("[]", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", "msg_x");
        request.Headers.Add("webhook-timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());
        request.Headers.Add("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task two_callers_named_by_a_trusted_proxy_have_separate_failed_webhook_budgets_at_ingest()
    {
        var spender = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) spender.Add(await BadWebhookAsync(f.BehindTrustedEdge, "203.0.113.20"));
        spender.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized, string.Join(", ", spender));
        spender.ShouldContain(HttpStatusCode.TooManyRequests, "the first caller spends its burst of 3");

        // Another vendor behind the same ingress is not answered 429 because of the first one's failures.
        var other = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) other.Add(await BadWebhookAsync(f.BehindTrustedEdge, "203.0.113.21"));
        other.ShouldAllBe(s => s == HttpStatusCode.Unauthorized, string.Join(", ", other));
    }

    [Fact]
    public async Task an_x_forwarded_for_from_a_peer_the_gateway_does_not_trust_is_ignored()
    {
        // Each request claims a new address; untrusted, they are all the one caller they really are.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++) statuses.Add(await BadWebhookAsync(f.TrustingNobody, $"198.51.100.{i + 1}"));
        statuses.ShouldContain(HttpStatusCode.TooManyRequests, string.Join(", ", statuses));
    }
}
