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
            Rendered.At(cluster, "spec.backup.barmanObjectStore.destinationPath").ShouldBeOfType<string>().ShouldStartWith("s3://");
            Rendered.At(cluster, "spec.backup.retentionPolicy").ShouldNotBeNull();
            rendered.CustomOf("ScheduledBackup").ShouldContain(b => (string?)Rendered.At(b, "spec.cluster.name") == Kustomize.Name(cluster),
                $"{Kustomize.Name(cluster)} has no ScheduledBackup");
        }
    }

    [Fact]
    public void production_rabbitmq_is_a_three_node_cluster_and_services_declare_quorum_queues()
    {
        var rendered = Rendered.Of("overlays/production");
        var rabbit = rendered.CustomOf("RabbitmqCluster").ShouldHaveSingleItem();
        Rendered.At(rabbit, "spec.replicas").ShouldBe("3");
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
