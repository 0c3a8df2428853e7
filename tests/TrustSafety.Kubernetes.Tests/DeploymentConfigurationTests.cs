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

    /// <summary>
    /// Connection pools a pod of each service can fill, read from the code: Marten's data source (every service but
    /// identity), identity's EF Core context, and reporting's read-model NpgsqlDataSource (a second pool of the same
    /// size). Plus the unpooled daemon-leader connection and the readiness check's one connection.
    /// </summary>
    private static readonly Dictionary<string, (int Pools, int Extra)> PoolsPerPod = new()
    {
        ["identity"] = (1, 1),
        ["incident"] = (1, 2),
        ["consent"] = (1, 2),
        ["device-register"] = (1, 2),
        ["filtering-ingest"] = (1, 3), // + the retention sweeper's one connection
        ["reporting"] = (2, 2),
        ["notifications"] = (1, 2),
        ["governance"] = (1, 2),
    };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void every_database_cluster_is_in_the_connection_budget(string overlay)
    {
        var clusters = Rendered.Of(overlay).CustomOf("Cluster").Select(Kustomize.Name).ToList();
        clusters.ShouldNotBeEmpty();
        clusters.Select(c => c["pg-".Length..]).Except(PoolsPerPod.Keys).ShouldBeEmpty(
            "a service with its own database but no PoolsPerPod entry would escape the connection-budget and keepalive checks");
    }

    /// <summary>superuser_reserved_connections (3), CloudNativePG's instance manager and monitoring, an operator's psql.</summary>
    private const int Headroom = 20;

    public static TheoryData<string, string> OverlayDatabases()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in new[] { "overlays/dev", "overlays/production" })
            foreach (var service in PoolsPerPod.Keys) data.Add(overlay, service);
        return data;
    }

    [Theory]
    [MemberData(nameof(OverlayDatabases))]
    public void connection_pools_at_max_replicas_fit_in_max_connections_less_headroom(string overlay, string service)
    {
        var rendered = Rendered.Of(overlay);
        var connection = Value(rendered, service, "ConnectionStrings__Postgres").ShouldNotBeNull();
        var settings = connection.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var pool = int.Parse(settings.GetValueOrDefault("Maximum Pool Size") ?? "100"); // Npgsql's default: 100
        var maxReplicas = rendered.One<V2HorizontalPodAutoscaler>(service).Spec.MaxReplicas;
        var cluster = rendered.CustomOf("Cluster").Single(c => Kustomize.Name(c) == $"pg-{service}");
        var maxConnections = int.Parse(Rendered.At(cluster, "spec.postgresql.parameters.max_connections")?.ToString() ?? "100");

        var (pools, extra) = PoolsPerPod[service];
        var needed = (pools * pool + extra) * maxReplicas;
        needed.ShouldBeLessThanOrEqualTo(maxConnections - Headroom,
            $"{service}: ({pools} pool(s) × {pool} + {extra}) × {maxReplicas} replicas = {needed} connections, " +
            $"but pg-{service} allows {maxConnections} − {Headroom} headroom");
    }

    [Theory]
    [MemberData(nameof(OverlayDatabases))]
    public void a_dead_clients_session_and_its_advisory_lock_are_dropped_within_seconds(string overlay, string service)
    {
        var rendered = Rendered.Of(overlay);
        var cluster = rendered.CustomOf("Cluster").Single(c => Kustomize.Name(c) == $"pg-{service}");
        int Parameter(string name) => int.Parse(Rendered.At(cluster, $"spec.postgresql.parameters.{name}")?.ToString()
            ?? throw new ShouldAssertException($"pg-{service} does not set {name} (OS default: about two hours)"));

        var detection = Parameter("tcp_keepalives_idle") + Parameter("tcp_keepalives_interval") * Parameter("tcp_keepalives_count");
        detection.ShouldBeInRange(1, 30);
        Parameter("tcp_user_timeout").ShouldBeInRange(1, 30_000);

        var connection = Value(rendered, service, "ConnectionStrings__Postgres").ShouldNotBeNull();
        connection.ShouldContain("Keepalive=", Case.Insensitive);
        connection.ShouldContain("Tcp Keepalive=true", Case.Insensitive);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void no_network_policy_admits_the_whole_internet_and_syslog_admits_its_configured_senders(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        foreach (var policy in rendered.All<V1NetworkPolicy>())
            foreach (var peer in (policy.Spec.Ingress ?? []).SelectMany(r => r.FromProperty ?? []))
                peer.IpBlock?.Cidr.ShouldNotBeOneOf(["0.0.0.0/0", "::/0"], $"NetworkPolicy {policy.Metadata.Name}");

        var syslog = rendered.One<V1NetworkPolicy>("filtering-ingest-syslog");
        var senders = syslog.Spec.Ingress.SelectMany(r => r.FromProperty).Select(p => p.IpBlock.Cidr).ToList();
        senders.ShouldNotBeEmpty();
        if (overlay.EndsWith("production"))
            senders.ShouldBe(rendered.One<V1Service>("filtering-ingest-syslog").Spec.LoadBalancerSourceRanges, ignoreOrder: true,
                "the policy admits exactly the load balancer's source ranges");
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void the_gateways_readiness_is_its_own(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var probe = rendered.One<V1Deployment>("gateway").Spec.Template.Spec.Containers[0].ReadinessProbe;
        probe.HttpGet.Path.ShouldBe("/health/ready");
        var program = File.ReadAllText(Repository.PathOf("gateway", "TrustSafety.Gateway", "Program.cs"));
        program.ShouldContain("AddCheck<DownstreamReadiness>(\"downstream\", tags: [DownstreamReadiness.Tag])");
        program.ShouldNotContain("ReadyTag");
    }

    [Fact]
    public void production_lets_the_ingress_controller_reach_cert_managers_http01_solver()
    {
        var rendered = Rendered.Of("overlays/production");
        (Rendered.At(rendered.CustomOf("Gateway").ShouldHaveSingleItem(), "metadata.annotations") as Dictionary<object, object?> ?? [])
            .ShouldContainKey("cert-manager.io/cluster-issuer",
            "cert-manager's gateway-shim issues the HTTPS listener's certificate from this annotation");
        Edge.Listeners(rendered.CustomOf("Gateway").Single()).ShouldContain(l => (string?)l["protocol"] == "HTTP" && l["port"]!.ToString() == "80",
            "the HTTP-01 challenge needs a plain HTTP listener");
        rendered.All<V1NetworkPolicy>().ShouldContain(p =>
            p.Spec.PodSelector.MatchLabels != null && p.Spec.PodSelector.MatchLabels.ContainsKey("acme.cert-manager.io/http01-solver")
            && p.Spec.Ingress.Any(r => r.Ports.Any(port => port.Port.Value == "8089")
                && r.FromProperty.Any(f => f.NamespaceSelector != null)),
            "default-deny would keep the CA's challenge from the solver pod");
    }
}
