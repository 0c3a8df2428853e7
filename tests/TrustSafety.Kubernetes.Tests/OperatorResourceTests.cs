using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>PostgreSQL, RabbitMQ and the collector are operator resources, configured as the platform needs them.</summary>
public sealed class OperatorResourceTests
{
    [Theory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public void every_service_database_is_a_cloudnativepg_cluster_of_its_own_named_as_in_the_layout(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        foreach (var piece in Layout.Pieces.Where(p => p.Database is not null))
        {
            var cluster = rendered.CustomOf("Cluster").SingleOrDefault(c => Kustomize.Name(c) == $"pg-{piece.Name}")
                .ShouldNotBeNull($"no CloudNativePG Cluster for {piece.Name}");
            Rendered.At(cluster, "spec.bootstrap.initdb.database").ShouldBe(piece.Database);
            var environment = rendered.Environment(rendered.One<V1Deployment>(piece.Name));
            environment["PG_PASSWORD"].ValueFrom.SecretKeyRef.Name.ShouldBe($"pg-{piece.Name}-app");
            environment["ConnectionStrings__Postgres"].Value.ShouldContain("Password=$(PG_PASSWORD)");
        }
    }

    [Fact]
    public void production_databases_run_three_instances_with_continuous_backups_and_a_nightly_base_backup()
    {
        var rendered = Rendered.Of("overlays/production");
        var clusters = rendered.CustomOf("Cluster").ToList();
        clusters.Count.ShouldBe(Layout.Pieces.Count(p => p.Database is not null));
        foreach (var cluster in clusters)
        {
            Rendered.At(cluster, "spec.instances").ShouldBe("3");
            // The Barman Cloud plugin (CloudNativePG ≥ 1.27), not the deprecated built-in spec.backup.barmanObjectStore.
            Rendered.At(cluster, "spec.backup").ShouldBeNull();
            var plugin = (Dictionary<object, object?>)((List<object?>)Rendered.At(cluster, "spec.plugins")!).ShouldHaveSingleItem()!;
            Rendered.At(plugin, "name").ShouldBe("barman-cloud.cloudnative-pg.io");
            Rendered.At(plugin, "isWALArchiver").ShouldBe("true");
            var store = rendered.CustomOf("ObjectStore").Single(o => Kustomize.Name(o) == (string?)Rendered.At(plugin, "parameters.barmanObjectName"));
            Rendered.At(store, "spec.configuration.destinationPath").ShouldBeOfType<string>().ShouldStartWith("s3://");
            Rendered.At(store, "spec.retentionPolicy").ShouldNotBeNull();
            foreach (var part in new[] { "wal", "data" })
                Rendered.At(store, $"spec.configuration.{part}.encryption").ShouldBeOneOf("AES256", "aws:kms");
            var backup = rendered.CustomOf("ScheduledBackup").SingleOrDefault(b => (string?)Rendered.At(b, "spec.cluster.name") == Kustomize.Name(cluster))
                .ShouldNotBeNull($"{Kustomize.Name(cluster)} has no ScheduledBackup");
            Rendered.At(backup, "spec.method").ShouldBe("plugin");
            Rendered.At(backup, "spec.pluginConfiguration.name").ShouldBe("barman-cloud.cloudnative-pg.io");
        }
    }

    [Fact]
    public void production_rabbitmq_is_a_three_node_cluster_and_services_declare_quorum_queues()
    {
        var rendered = Rendered.Of("overlays/production");
        var rabbit = rendered.CustomOf("RabbitmqCluster").ShouldHaveSingleItem();
        Rendered.At(rabbit, "spec.replicas").ShouldBe("3");
        var image = (string)Rendered.At(rabbit, "spec.image")!;
        int.Parse(image.Split(':')[1].Split('.')[0]).ShouldBeGreaterThanOrEqualTo(4, $"{image}: RabbitMQ 3.x is out of support");
        var budget = rendered.All<V1PodDisruptionBudget>().SingleOrDefault(b => b.Spec.Selector.MatchLabels is { } labels && labels.TryGetValue("app.kubernetes.io/name", out var name) && name == Kustomize.Name(rabbit))
            .ShouldNotBeNull("no PodDisruptionBudget keeps the RabbitMQ nodes' quorum through drains");
        budget.Spec.MaxUnavailable.Value.ShouldBe("1");
        rendered.One<V1ConfigMap>("platform-config").Data["RabbitMq__QuorumQueues"].ShouldBe("true");
        rendered.One<V1ConfigMap>("platform-config").Data["RabbitMq__Host"].ShouldBe(Kustomize.Name(rabbit));
    }

    [Theory]
    [InlineData("overlays/dev")]
    [InlineData("overlays/production")]
    public void the_collector_receives_otlp_where_the_services_send_it(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var collector = rendered.CustomOf("OpenTelemetryCollector").ShouldHaveSingleItem();
        Rendered.At(collector, "spec.config.receivers.otlp.protocols.grpc.endpoint").ShouldBe("0.0.0.0:4317");
        var exporters = (Dictionary<object, object?>)Rendered.At(collector, "spec.config.exporters")!;
        foreach (var pipeline in new[] { "traces", "metrics", "logs" })
            ((List<object?>)Rendered.At(collector, $"spec.config.service.pipelines.{pipeline}.exporters")!)
                .ShouldAllBe(e => exporters.ContainsKey(e!), $"{pipeline} exports to an undefined exporter");
        rendered.One<V1ConfigMap>("platform-config").Data["OTEL_EXPORTER_OTLP_ENDPOINT"]
            .ShouldBe($"http://{Kustomize.Name(collector)}-collector:4317");
    }
}
