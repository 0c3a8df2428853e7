using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>What the rendered overlays give the apps behind proxies, for time zones, readiness and connection budgets.</summary>
public sealed class DeploymentConfigurationTests
{
    public static TheoryData<string> Overlays() => ["overlays/dev", "overlays/production"];

    private static string? Value(Rendered rendered, string deployment, string key) =>
        rendered.Environment(rendered.One<V1Deployment>(deployment)).TryGetValue(key, out var v) ? v.Value : null;

    private static List<string> List(Rendered rendered, string deployment, string key)
    {
        var environment = rendered.Environment(rendered.One<V1Deployment>(deployment));
        return Enumerable.Range(0, 100).Select(i => environment.TryGetValue($"{key}__{i}", out var v) ? v.Value : null)
            .TakeWhile(v => v is not null).Select(v => v!).ToList();
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void identity_names_the_public_origin_and_trusts_forwarded_headers_from_the_pod_network_only(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var origin = Value(rendered, "identity", "Identity__PublicOrigin").ShouldNotBeNull();
        origin.ShouldBe(Value(rendered, "identity", "Identity__Issuer"), "the public origin is the issuer");
        if (overlay.EndsWith("production"))
        {
            origin.ShouldStartWith("https://");
            Value(rendered, "gateway", "Authentication__Authority").ShouldBe(origin);
        }
        foreach (var piece in new[] { "identity", "gateway" })
        {
            var proxies = List(rendered, piece, "ForwardedHeaders__TrustedProxies");
            proxies.ShouldNotBeEmpty($"{piece} would believe X-Forwarded-* from loopback only (behind an ingress: never)");
            proxies.ShouldNotContain("0.0.0.0/0");
            proxies.ShouldNotContain("::/0");
        }
    }
}
