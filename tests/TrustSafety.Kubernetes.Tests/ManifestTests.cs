using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

public sealed class ManifestTests
{
    public static TheoryData<string> Overlays() => ["overlays/dev", "overlays/production"];

    public static TheoryData<string, string> OverlayPieces()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in new[] { "overlays/dev", "overlays/production" })
            foreach (var piece in Layout.Pieces) data.Add(overlay, piece.Name);
        return data;
    }

    [Fact]
    public void layout_lists_the_gateway_identity_and_the_seven_services()
    {
        Layout.Pieces.Select(p => p.Name).ShouldBe(
            ["gateway", "identity", "incident", "consent", "device-register", "filtering-ingest", "reporting", "notifications", "governance"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void every_manifest_parses_into_the_kubernetes_models(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        rendered.Objects.Count.ShouldBeGreaterThan(40);
        rendered.Objects.ShouldAllBe(o => o.Metadata.NamespaceProperty != null || o.Kind == "Namespace");
        rendered.Custom.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(OverlayPieces))]
    public void every_piece_has_a_deployment_service_disruption_budget_and_autoscaler(string overlay, string piece)
    {
        var rendered = Rendered.Of(overlay);
        var deployment = rendered.One<V1Deployment>(piece);
        var podLabels = deployment.Spec.Template.Metadata.Labels;
        deployment.Spec.Selector.MatchLabels.ShouldAllBe(l => podLabels[l.Key] == l.Value);

        var service = rendered.One<V1Service>(piece);
        service.Spec.Selector.ShouldAllBe(l => podLabels.ContainsKey(l.Key) && podLabels[l.Key] == l.Value,
            $"Service {piece} selects no pod of Deployment {piece}");
        var http = service.Spec.Ports.Single(p => p.Name == "http");
        http.Port.ShouldBe(80);
        deployment.Spec.Template.Spec.Containers[0].Ports.ShouldContain(p => p.Name == http.TargetPort.Value && p.ContainerPort == 8080);

        rendered.One<V1PodDisruptionBudget>(piece).Spec.Selector.MatchLabels
            .ShouldAllBe(l => podLabels.ContainsKey(l.Key) && podLabels[l.Key] == l.Value);
        var hpa = rendered.One<V2HorizontalPodAutoscaler>(piece);
        hpa.Spec.ScaleTargetRef.Kind.ShouldBe("Deployment");
        hpa.Spec.ScaleTargetRef.Name.ShouldBe(piece);
        hpa.Spec.MinReplicas.ShouldNotBeNull().ShouldBeLessThanOrEqualTo(hpa.Spec.MaxReplicas);
    }

    [Theory]
    [MemberData(nameof(OverlayPieces))]
    public void every_deployment_probes_health_limits_resources_and_runs_non_root_read_only(string overlay, string piece)
    {
        var deployment = Rendered.Of(overlay).One<V1Deployment>(piece);
        var pod = deployment.Spec.Template.Spec;
        pod.SecurityContext.RunAsNonRoot.ShouldBe(true);
        pod.SecurityContext.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        pod.AutomountServiceAccountToken.ShouldBe(false);

        var container = pod.Containers.ShouldHaveSingleItem();
        container.ReadinessProbe.ShouldNotBeNull($"{piece} has no readiness probe").HttpGet.Path.ShouldBe("/health/ready");
        container.LivenessProbe.ShouldNotBeNull($"{piece} has no liveness probe").HttpGet.Path.ShouldBe("/health/live");
        container.ReadinessProbe.HttpGet.Port.Value.ShouldBe("http");
        container.LivenessProbe.HttpGet.Port.Value.ShouldBe("http");
        foreach (var resource in new[] { "cpu", "memory" })
        {
            container.Resources.Requests.ShouldContainKey(resource);
            container.Resources.Limits.ShouldContainKey(resource);
        }

        var security = container.SecurityContext.ShouldNotBeNull();
        security.RunAsNonRoot.ShouldBe(true);
        security.ReadOnlyRootFilesystem.ShouldBe(true);
        security.AllowPrivilegeEscalation.ShouldBe(false);
        security.Capabilities.Drop.ShouldBe(["ALL"]);

        var tmp = container.VolumeMounts.Single(m => m.MountPath == "/tmp");
        pod.Volumes.Single(v => v.Name == tmp.Name).EmptyDir.ShouldNotBeNull("/tmp must be a writable emptyDir");
    }

    [Theory]
    [MemberData(nameof(OverlayPieces))]
    public void every_container_listens_where_its_probes_and_service_point(string overlay, string piece)
    {
        var rendered = Rendered.Of(overlay);
        var deployment = rendered.One<V1Deployment>(piece);
        rendered.Environment(deployment)["ASPNETCORE_HTTP_PORTS"].Value.ShouldBe("8080");
        deployment.Spec.Template.Spec.Containers[0].Ports.Single(p => p.Name == "http").ContainerPort.ShouldBe(8080);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void only_the_gateway_is_exposed_through_the_edge_httproute_and_only_syslog_through_a_load_balancer(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        rendered.All<V1Ingress>().ShouldBeEmpty("ingress-nginx is retired: the way in is a Gateway API HTTPRoute");
        var edge = rendered.CustomOf("Gateway").ShouldHaveSingleItem();
        var listeners = Edge.Listeners(edge).Select(l => (string)l["name"]!).ToList();
        var routes = rendered.CustomOf("HTTPRoute").ToList();
        routes.ShouldNotBeEmpty();
        var gatewayService = rendered.One<V1Service>("gateway");
        foreach (var route in routes)
        {
            foreach (var parent in Edge.List(route, "spec.parentRefs"))
            {
                ((string?)parent["name"]).ShouldBe(Kustomize.Name(edge), $"HTTPRoute {Kustomize.Name(route)} attaches to another Gateway");
                listeners.ShouldContain((string?)parent["sectionName"], $"HTTPRoute {Kustomize.Name(route)} names no listener of the Gateway");
            }
            foreach (var backend in Edge.List(route, "spec.rules").SelectMany(r => Edge.List(r, "backendRefs")))
            {
                ((string?)backend["name"]).ShouldBe("gateway", $"HTTPRoute {Kustomize.Name(route)} exposes something other than the gateway");
                gatewayService.Spec.Ports.Select(p => p.Port.ToString()).ShouldContain(backend["port"]?.ToString());
            }
        }
        routes.SelectMany(r => Edge.List(r, "spec.rules")).SelectMany(r => Edge.List(r, "backendRefs")).ShouldNotBeEmpty();

        var exposed = rendered.All<V1Service>().Where(s => s.Spec.Type is "LoadBalancer" or "NodePort").ToList();
        exposed.Select(s => s.Metadata.Name).ShouldBe(["filtering-ingest-syslog"]);
        var syslog = exposed[0];
        syslog.Spec.Ports.Select(p => p.Protocol).ShouldBe(["TCP", "UDP"], ignoreOrder: true);
        var ingest = rendered.One<V1Deployment>("filtering-ingest").Spec.Template.Spec.Containers[0];
        syslog.Spec.Ports.ShouldAllBe(p => ingest.Ports.Any(c => c.Name == p.TargetPort.Value && c.Protocol == p.Protocol));
    }

    [Fact]
    public void production_terminates_tls_at_the_edge_gateway_redirects_plain_http_and_narrows_syslog_sources()
    {
        var rendered = Rendered.Of("overlays/production");
        var edge = rendered.CustomOf("Gateway").ShouldHaveSingleItem();
        var https = Edge.Listeners(edge).Single(l => (string?)l["protocol"] == "HTTPS");
        ((string?)Rendered.At(https, "tls.mode")).ShouldBe("Terminate");
        Edge.List(https, "tls.certificateRefs").Select(r => (string?)r["name"]).ShouldBe(["trustsafety-tls"]);
        var routes = rendered.CustomOf("HTTPRoute").ToList();
        var served = routes.Where(r => Edge.List(r, "spec.rules").Any(rule => Edge.List(rule, "backendRefs").Count > 0)).ToList();
        served.ShouldAllBe(r => Edge.List(r, "spec.parentRefs").All(p => (string?)p["sectionName"] == "https"), "the gateway is served over HTTPS only");
        served.SelectMany(r => ((List<object?>)Rendered.At(r, "spec.hostnames")!).Cast<string>()).Distinct().ShouldBe([(string)https["hostname"]!]);
        var plain = routes.Where(r => Edge.List(r, "spec.parentRefs").Any(p => (string?)p["sectionName"] == "http")).ShouldHaveSingleItem();
        Edge.List(plain, "spec.rules").SelectMany(rule => Edge.List(rule, "filters"))
            .ShouldContain(f => (string?)f["type"] == "RequestRedirect" && (string?)Rendered.At(f, "requestRedirect.scheme") == "https");
        rendered.One<V1Service>("filtering-ingest-syslog").Spec.LoadBalancerSourceRanges.ShouldNotBeEmpty();
        rendered.All<V1Deployment>().ShouldAllBe(d => d.Spec.Replicas >= 3);
        rendered.All<V2HorizontalPodAutoscaler>().ShouldAllBe(h => h.Spec.MinReplicas >= 3);
        rendered.All<V1Deployment>().ShouldAllBe(d => !d.Spec.Template.Spec.Containers[0].Image.EndsWith(":latest"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void network_policies_deny_by_default_and_allow_each_service_only_its_dependencies(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var deny = rendered.One<V1NetworkPolicy>("default-deny");
        deny.Spec.PodSelector.MatchLabels.ShouldBeNull();
        deny.Spec.PodSelector.MatchExpressions.ShouldBeNull();
        deny.Spec.PolicyTypes.ShouldBe(["Ingress", "Egress"], ignoreOrder: true);
        deny.Spec.Ingress.ShouldBeNull();
        deny.Spec.Egress.ShouldBeNull();

        foreach (var piece in Layout.Pieces.Where(p => p.Database is not null))
        {
            var egress = rendered.All<V1NetworkPolicy>()
                .Where(p => p.Spec.PolicyTypes.Contains("Egress") && Selects(p, rendered.One<V1Deployment>(piece.Name)))
                .SelectMany(p => p.Spec.Egress ?? []).ToList();
            var reachable = egress.SelectMany(r => r.To ?? []).Select(Describe).ToHashSet();
            reachable.ShouldContain($"cnpg.io/cluster=pg-{piece.Name}", $"{piece.Name} cannot reach its database");
            reachable.ShouldNotContain(r => r.StartsWith("cnpg.io/cluster=") && r != $"cnpg.io/cluster=pg-{piece.Name}",
                $"{piece.Name} may reach another service's database");
            reachable.ShouldContain("app.kubernetes.io/name=identity");
            reachable.ShouldContain("app.kubernetes.io/component=opentelemetry-collector");
            reachable.ShouldContain("ns:kube-system/k8s-app=kube-dns");
            if (piece.Name != "identity") reachable.ShouldContain("app.kubernetes.io/name=rabbitmq");
            var calledServices = rendered.Environment(rendered.One<V1Deployment>(piece.Name)).Values
                .Select(v => Uri.TryCreate(v.Value, UriKind.Absolute, out var uri) && uri.Scheme == "http" && !uri.Host.Contains('.') ? uri.Host : null)
                .OfType<string>().Select(host => $"app.kubernetes.io/name={host}");
            // notifications alone leaves the cluster: to its SMTP relay's address, on SMTP ports only.
            var smtpRelay = piece.Name != "notifications" ? [] : egress
                .Where(r => r.To.All(t => t.IpBlock is not null) && r.Ports is { Count: > 0 } && r.Ports.All(port => SmtpPorts.Contains(port.Port.Value)))
                .SelectMany(r => r.To).Select(Describe);
            reachable.ShouldBeSubsetOf([.. calledServices, .. smtpRelay,
                $"cnpg.io/cluster=pg-{piece.Name}", "app.kubernetes.io/name=identity", "app.kubernetes.io/name=rabbitmq",
                "app.kubernetes.io/component=opentelemetry-collector", "ns:kube-system/k8s-app=kube-dns",
                "ns:envoy-gateway-system/"]);
            egress.ShouldAllBe(r => r.To != null && r.To.Count > 0, $"{piece.Name} has an egress rule open to any destination");

            var ingressFrom = rendered.All<V1NetworkPolicy>()
                .Where(p => p.Spec.PolicyTypes.Contains("Ingress") && Selects(p, rendered.One<V1Deployment>(piece.Name)))
                .SelectMany(p => p.Spec.Ingress ?? []).Where(r => r.Ports.Any(port => port.Port.Value == "8080"))
                .SelectMany(r => r.FromProperty).Select(Describe).ToHashSet();
            ingressFrom.ShouldContain(piece.Name == "identity" ? "app.kubernetes.io/part-of=trustsafety" : "app.kubernetes.io/name=gateway",
                $"the gateway cannot reach {piece.Name}");
        }
    }

    private static readonly string[] SmtpPorts = ["25", "465", "587"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void notifications_reaches_its_smtp_relay_by_address_on_smtp_ports_and_nothing_else_outside(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var deployment = rendered.One<V1Deployment>("notifications");
        var outside = rendered.All<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes.Contains("Egress") && Selects(p, deployment))
            .SelectMany(p => p.Spec.Egress ?? []).Where(r => r.To?.Any(t => t.IpBlock is not null) == true).ToList();
        var relay = outside.ShouldHaveSingleItem("one egress rule for the SMTP relay");
        relay.To.ShouldAllBe(t => t.IpBlock != null && t.IpBlock.Cidr != "0.0.0.0/0" && t.IpBlock.Cidr.Contains('/'));
        relay.Ports.Select(p => p.Port.Value).ShouldBeSubsetOf(SmtpPorts);
        var config = rendered.One<V1ConfigMap>("notifications-config").Data;
        config["Notifications__Smtp__Port"].ShouldBeOneOf(SmtpPorts);
        rendered.Environment(deployment)["Notifications__Smtp__Password"].ValueFrom.SecretKeyRef.Name.ShouldBe("notifications-smtp");
    }

    private static bool Selects(V1NetworkPolicy policy, V1Deployment deployment)
    {
        var labels = deployment.Spec.Template.Metadata.Labels;
        return (policy.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>())
            .All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)
            && policy.Spec.PodSelector.MatchExpressions is null;
    }

    private static string Describe(V1NetworkPolicyPeer peer)
    {
        var pods = string.Join(",", (peer.PodSelector?.MatchLabels ?? new Dictionary<string, string>()).Select(l => $"{l.Key}={l.Value}"));
        if (peer.NamespaceSelector is { } ns)
            return $"ns:{ns.MatchLabels["kubernetes.io/metadata.name"]}/{pods}";
        return peer.IpBlock is { } ip ? "ip:" + ip.Cidr : pods;
    }
}

/// <summary>Reading Gateway API resources (custom resources, so plain dictionaries) in the manifest tests.</summary>
internal static class Edge
{
    public static List<Dictionary<object, object?>> List(Dictionary<object, object?> resource, string path) =>
        (Rendered.At(resource, path) as List<object?> ?? []).Cast<Dictionary<object, object?>>().ToList();

    public static List<Dictionary<object, object?>> Listeners(Dictionary<object, object?> gateway) => List(gateway, "spec.listeners");
}
