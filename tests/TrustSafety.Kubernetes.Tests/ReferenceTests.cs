using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>Whatever a manifest names — a Secret, a ConfigMap, a Service, a volume claim — exists in the same render.</summary>
public sealed class ReferenceTests
{
    /// <summary>
    /// Secrets that appear only in a running cluster, each produced by something the render declares
    /// (checked below) or created by the operator of the cluster as docs/kubernetes.md describes.
    /// </summary>
    private static readonly Dictionary<string, string> CreatedOutsideTheRender = new()
    {
        // Created by hand before the first apply (docs/kubernetes.md, "Secrets"): identity's token keys.
        ["identity-keys"] = "kubectl create secret generic identity-keys --from-file=signing-key.pem --from-file=encryption-key.pem",
        // The client secret of the trust's Entra ID app registration (or Google OAuth client) for sign-in.
        ["identity-external-sign-in"] = "kubectl create secret generic identity-external-sign-in --from-literal=entra-client-secret=…",
        // Object-store credentials for barman-cloud (production backups).
        ["backup-s3-credentials"] = "kubectl create secret generic backup-s3-credentials --from-literal=ACCESS_KEY_ID=… --from-literal=ACCESS_SECRET_KEY=…",
        // filtering-ingest's key for vendor secrets at rest (Ingest__SecretEncryptionKey).
        ["filtering-ingest-secrets"] = "kubectl create secret generic filtering-ingest-secrets --from-literal=secret-encryption-key=$(openssl rand -base64 48)",
        // incident's key-encryption key for per-person data keys (DataProtection__KeyEncryptionKey).
        ["incident-secrets"] = "kubectl create secret generic incident-secrets --from-literal=key-encryption-key=$(openssl rand -base64 32)",
        // reporting's key for trust-level pseudonyms of device/user refs (Reporting__PseudonymKey).
        ["reporting-secrets"] = "kubectl create secret generic reporting-secrets --from-literal=pseudonym-key=$(openssl rand -base64 48)",
        // notifications' SMTP relay credentials (optional: an IP-allow-listed relay needs none).
        ["notifications-smtp"] = "kubectl create secret generic notifications-smtp --from-literal=username=… --from-literal=password=…",
        // Issued by cert-manager (gateway-shim) from the annotation on the trustsafety-edge Gateway.
        ["trustsafety-tls"] = "cert-manager.io/cluster-issuer on the trustsafety-edge Gateway",
    };

    public static TheoryData<string> Overlays() => ["overlays/dev", "overlays/production"];

    [Theory]
    [MemberData(nameof(Overlays))]
    public void every_referenced_secret_config_map_and_claim_exists(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var missing = new List<string>();
        foreach (var deployment in rendered.All<V1Deployment>())
        {
            var pod = deployment.Spec.Template.Spec;
            foreach (var container in pod.Containers)
            {
                foreach (var source in container.EnvFrom ?? [])
                {
                    if (source.ConfigMapRef is { } cm && !rendered.Has<V1ConfigMap>(cm.Name)) missing.Add($"{deployment.Metadata.Name}: ConfigMap {cm.Name}");
                    if (source.SecretRef is { } s && !SecretExists(rendered, s.Name)) missing.Add($"{deployment.Metadata.Name}: Secret {s.Name}");
                }
                foreach (var variable in container.Env ?? [])
                {
                    if (variable.ValueFrom?.SecretKeyRef is { } secret && !SecretExists(rendered, secret.Name))
                        missing.Add($"{deployment.Metadata.Name}: Secret {secret.Name} ({variable.Name})");
                    if (variable.ValueFrom?.ConfigMapKeyRef is { } map
                        && !(rendered.Has<V1ConfigMap>(map.Name) && rendered.One<V1ConfigMap>(map.Name).Data.ContainsKey(map.Key)))
                        missing.Add($"{deployment.Metadata.Name}: ConfigMap key {map.Name}/{map.Key}");
                }
                foreach (var mount in container.VolumeMounts ?? [])
                    if (pod.Volumes.All(v => v.Name != mount.Name)) missing.Add($"{deployment.Metadata.Name}: volume {mount.Name}");
            }
            foreach (var volume in pod.Volumes ?? [])
            {
                if (volume.Secret is { } s && !SecretExists(rendered, s.SecretName)) missing.Add($"{deployment.Metadata.Name}: Secret {s.SecretName}");
                if (volume.ConfigMap is { } c && !rendered.Has<V1ConfigMap>(c.Name)) missing.Add($"{deployment.Metadata.Name}: ConfigMap {c.Name}");
                if (volume.PersistentVolumeClaim is { } claim && !rendered.Has<V1PersistentVolumeClaim>(claim.ClaimName))
                    missing.Add($"{deployment.Metadata.Name}: PersistentVolumeClaim {claim.ClaimName}");
            }
        }
        foreach (var route in rendered.CustomOf("HTTPRoute"))
        {
            foreach (var backend in Edge.List(route, "spec.rules").SelectMany(r => Edge.List(r, "backendRefs")))
                if (!rendered.Has<V1Service>((string)backend["name"]!)) missing.Add($"HTTPRoute {Kustomize.Name(route)}: Service {backend["name"]}");
            foreach (var parent in Edge.List(route, "spec.parentRefs"))
                if (!rendered.HasCustom("Gateway", (string)parent["name"]!)) missing.Add($"HTTPRoute {Kustomize.Name(route)}: Gateway {parent["name"]}");
        }
        foreach (var edge in rendered.CustomOf("Gateway"))
            foreach (var certificate in Edge.Listeners(edge).SelectMany(l => Edge.List(l, "tls.certificateRefs")))
                if (!SecretExists(rendered, (string)certificate["name"]!)) missing.Add($"Gateway {Kustomize.Name(edge)}: Secret {certificate["name"]}");
        foreach (var backup in rendered.CustomOf("ScheduledBackup"))
            if (!rendered.HasCustom("Cluster", (string)Rendered.At(backup, "spec.cluster.name")!)) missing.Add($"ScheduledBackup {Kustomize.Name(backup)}: Cluster");
        foreach (var cluster in rendered.CustomOf("Cluster"))
            foreach (var key in new[] { "accessKeyId", "secretAccessKey" })
                if (Rendered.At(cluster, $"spec.backup.barmanObjectStore.s3Credentials.{key}.name") is string secret && !SecretExists(rendered, secret))
                    missing.Add($"Cluster {Kustomize.Name(cluster)}: Secret {secret}");
        foreach (var store in rendered.CustomOf("ObjectStore"))
            foreach (var key in new[] { "accessKeyId", "secretAccessKey" })
                if (Rendered.At(store, $"spec.configuration.s3Credentials.{key}.name") is string secret && !SecretExists(rendered, secret))
                    missing.Add($"ObjectStore {Kustomize.Name(store)}: Secret {secret}");
        foreach (var cluster in rendered.CustomOf("Cluster"))
            foreach (var plugin in Rendered.At(cluster, "spec.plugins") as List<object?> ?? [])
                if (Rendered.At((Dictionary<object, object?>)plugin!, "parameters.barmanObjectName") is string store && !rendered.HasCustom("ObjectStore", store))
                    missing.Add($"Cluster {Kustomize.Name(cluster)}: ObjectStore {store}");
        missing.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void every_host_a_service_is_told_to_call_is_a_service_of_the_render(string overlay)
    {
        var rendered = Rendered.Of(overlay);
        var missing = new List<string>();
        foreach (var deployment in rendered.All<V1Deployment>())
            foreach (var (key, variable) in rendered.Environment(deployment))
            {
                if (variable.Value is not { } value || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
                    || uri.Scheme is not ("http" or "https") || uri.Host.Contains('.')) continue;
                if (!ServiceExists(rendered, uri.Host)) missing.Add($"{deployment.Metadata.Name}: {key} -> {uri.Host}");
            }
        foreach (var deployment in rendered.All<V1Deployment>())
            if (rendered.Environment(deployment).TryGetValue("RabbitMq__Host", out var host) && !ServiceExists(rendered, host.Value))
                missing.Add($"{deployment.Metadata.Name}: RabbitMq__Host -> {host.Value}");
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void the_gateway_reaches_every_service_through_its_kubernetes_service()
    {
        var rendered = Rendered.Of("overlays/production");
        var environment = rendered.Environment(rendered.One<V1Deployment>("gateway"));
        foreach (var piece in Layout.Pieces.Where(p => p.Name != "gateway"))
            environment[$"ReverseProxy__Clusters__{piece.Name}__Destinations__d1__Address"].Value.ShouldBe($"http://{piece.Name}/");
    }

    /// <summary>A Secret in the render, one an operator creates for a resource in the render, or one created by hand.</summary>
    private static bool SecretExists(Rendered rendered, string name) =>
        rendered.Has<V1Secret>(name)
        || (name.EndsWith("-app") && rendered.HasCustom("Cluster", name[..^"-app".Length]))             // CloudNativePG owner credentials
        || (name.EndsWith("-default-user") && rendered.HasCustom("RabbitmqCluster", name[..^"-default-user".Length])) // RabbitMQ operator
        || CreatedOutsideTheRender.ContainsKey(name);

    /// <summary>A Service in the render, or one an operator creates: RabbitmqCluster "x" → "x", OpenTelemetryCollector "x" → "x-collector".</summary>
    private static bool ServiceExists(Rendered rendered, string name) =>
        rendered.Has<V1Service>(name)
        || rendered.HasCustom("RabbitmqCluster", name)
        || (name.EndsWith("-collector") && rendered.HasCustom("OpenTelemetryCollector", name[..^"-collector".Length]));
}
