using k8s;
using k8s.Models;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>One rendered kustomization: built-in kinds as KubernetesClient models, operator kinds as YAML maps.</summary>
public sealed class Rendered
{
    /// <summary>Resources reconciled by operators (CloudNativePG and its Barman Cloud plugin, RabbitMQ, OpenTelemetry); KubernetesClient has no models.</summary>
    public static readonly HashSet<string> OperatorKinds =
        ["postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/ScheduledBackup", "barmancloud.cnpg.io/v1/ObjectStore",
         "rabbitmq.com/v1beta1/RabbitmqCluster", "opentelemetry.io/v1beta1/OpenTelemetryCollector",
         "gateway.networking.k8s.io/v1/Gateway", "gateway.networking.k8s.io/v1/HTTPRoute"];

    private static readonly Dictionary<string, Rendered> Cache = [];

    public string Overlay { get; }
    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }
    public IReadOnlyList<Dictionary<object, object?>> Custom { get; }

    private Rendered(string overlay, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects, IReadOnlyList<Dictionary<object, object?>> custom)
    {
        Overlay = overlay;
        Objects = objects;
        Custom = custom;
    }

    /// <summary>Renders <c>k8s/&lt;path&gt;</c>; every built-in manifest is parsed strictly (an unknown field fails).</summary>
    public static Rendered Of(string path)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(path, out var cached)) return cached;
            var objects = new List<IKubernetesObject<V1ObjectMeta>>();
            var custom = new List<Dictionary<object, object?>>();
            foreach (var resource in Kustomize.Build(Repository.PathOf("k8s", path)))
            {
                var apiKind = $"{resource["apiVersion"]}/{resource["kind"]}";
                if (OperatorKinds.Contains(apiKind)) { custom.Add(resource); continue; }
                var parsed = KubernetesYaml.LoadAllFromString(Kustomize.ToYaml(resource), typeMap: null, strict: true);
                objects.Add(parsed.Cast<IKubernetesObject<V1ObjectMeta>>().Single());
            }
            return Cache[path] = new Rendered(path, objects, custom);
        }
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T One<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new Shouldly.ShouldAssertException($"{Overlay}: no {typeof(T).Name} named {name}");

    public bool Has<T>(string name) where T : IKubernetesObject<V1ObjectMeta> => All<T>().Any(o => o.Metadata.Name == name);

    public IEnumerable<Dictionary<object, object?>> CustomOf(string kind) => Custom.Where(c => Kustomize.Kind(c) == kind);

    public bool HasCustom(string kind, string name) => CustomOf(kind).Any(c => Kustomize.Name(c) == name);

    /// <summary>Every environment variable a Deployment's first container gets: its env plus its envFrom ConfigMaps' keys.</summary>
    public Dictionary<string, V1EnvVar> Environment(V1Deployment deployment)
    {
        var container = deployment.Spec.Template.Spec.Containers[0];
        var result = new Dictionary<string, V1EnvVar>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in container.EnvFrom ?? [])
            if (source.ConfigMapRef is { } reference && Has<V1ConfigMap>(reference.Name))
                foreach (var (key, value) in One<V1ConfigMap>(reference.Name).Data ?? new Dictionary<string, string>())
                    result[key] = new V1EnvVar { Name = key, Value = value };
        foreach (var variable in container.Env ?? []) result[variable.Name] = variable;
        return result;
    }

    public static object? At(Dictionary<object, object?> resource, string path)
    {
        object? node = resource;
        foreach (var part in path.Split('.'))
            node = node is Dictionary<object, object?> map && map.TryGetValue(part, out var next) ? next : null;
        return node;
    }
}
