using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace TrustSafety.Kubernetes.Tests;

/// <summary>
/// The subset of kustomize this repository uses, so manifests are validated without kubectl: <c>resources</c>
/// (files and folders, recursively), <c>patches</c> (strategic-merge files, with or without a <c>target</c>),
/// <c>images</c> and <c>namespace</c>. Anything else in a kustomization.yaml fails loudly rather than being ignored.
/// </summary>
public static class Kustomize
{
    private static readonly HashSet<string> Supported = ["apiVersion", "kind", "resources", "patches", "images", "namespace"];

    /// <summary>Kinds without an OpenAPI schema in kustomize: lists in their patches replace, never merge.</summary>
    private static readonly HashSet<string> CustomKinds = ["Cluster", "ScheduledBackup", "RabbitmqCluster", "OpenTelemetryCollector", "Gateway", "HTTPRoute"];

    private static readonly HashSet<string> ClusterScopedKinds = ["Namespace", "ClusterRole", "ClusterRoleBinding", "StorageClass"];

    public static List<Dictionary<object, object?>> Build(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        if (!File.Exists(file)) throw new FileNotFoundException("No kustomization.yaml", file);
        var kustomization = (Dictionary<object, object?>)LoadAll(File.ReadAllText(file)).Single();
        var unsupported = kustomization.Keys.Cast<string>().Except(Supported).ToList();
        if (unsupported.Count > 0)
            throw new NotSupportedException($"{file}: {string.Join(", ", unsupported)} not supported by the test renderer");

        var resources = new List<Dictionary<object, object?>>();
        foreach (var entry in List(kustomization, "resources").Cast<string>())
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            if (Directory.Exists(path)) resources.AddRange(Build(path));
            else resources.AddRange(LoadAll(File.ReadAllText(path)).Cast<Dictionary<object, object?>>());
        }

        foreach (var patch in List(kustomization, "patches").Cast<Dictionary<object, object?>>())
        {
            var patchFile = Path.Combine(directory, (string)patch["path"]!);
            var body = (Dictionary<object, object?>)LoadAll(File.ReadAllText(patchFile)).Single();
            var targets = patch.TryGetValue("target", out var t) && t is Dictionary<object, object?> target
                ? resources.Where(r => Matches(r, target)).ToList()
                : resources.Where(r => Kind(r) == Kind(body) && Name(r) == Name(body)).ToList();
            if (targets.Count == 0) throw new InvalidOperationException($"{patchFile} patches nothing");
            foreach (var resource in targets)
            {
                var copy = (Dictionary<object, object?>)Normalise(body)!;
                if (patch.ContainsKey("target")) ((Dictionary<object, object?>)copy["metadata"]!).Remove("name");
                Merge(resource, copy, mergeListsByName: !CustomKinds.Contains(Kind(resource)));
            }
        }

        foreach (var image in List(kustomization, "images").Cast<Dictionary<object, object?>>())
            foreach (var container in resources.SelectMany(Containers))
            {
                var current = (string)container["image"]!;
                var name = current.Split(':')[0];
                if (name != (string)image["name"]!) continue;
                var newName = image.TryGetValue("newName", out var n) ? (string)n! : name;
                var newTag = image.TryGetValue("newTag", out var tag) ? (string)tag! : current.Contains(':') ? current.Split(':')[1] : "latest";
                container["image"] = $"{newName}:{newTag}";
            }

        if (kustomization.TryGetValue("namespace", out var ns) && ns is string namespaceName)
            foreach (var resource in resources.Where(r => !ClusterScopedKinds.Contains(Kind(r))))
                ((Dictionary<object, object?>)resource["metadata"]!)["namespace"] = namespaceName;

        return resources;
    }

    public static string Kind(Dictionary<object, object?> resource) => (string)resource["kind"]!;

    public static string Name(Dictionary<object, object?> resource) =>
        (string)((Dictionary<object, object?>)resource["metadata"]!)["name"]!;

    public static string ToYaml(object resource) => new SerializerBuilder().Build().Serialize(resource);

    public static List<object> LoadAll(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object?>(parser);
            if (document is not null) documents.Add(Normalise(document)!);
        }
        return documents;
    }

    /// <summary>
    /// Strategic merge as kustomize applies it to the fields we patch: maps merge, <c>null</c> deletes a key,
    /// lists of named items (containers, env, volumes) merge by name on built-in kinds, other lists replace.
    /// </summary>
    public static void Merge(Dictionary<object, object?> target, Dictionary<object, object?> patch, bool mergeListsByName)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null) { target.Remove(key); continue; }
            if (value is Dictionary<object, object?> patchMap && target.TryGetValue(key, out var existing)
                && existing is Dictionary<object, object?> targetMap)
            {
                Merge(targetMap, patchMap, mergeListsByName);
                continue;
            }
            if (mergeListsByName && value is List<object?> patchList && target.TryGetValue(key, out var existingList)
                && existingList is List<object?> targetList && IsNamedList(patchList) && IsNamedList(targetList))
            {
                foreach (var item in patchList.Cast<Dictionary<object, object?>>())
                {
                    var match = targetList.Cast<Dictionary<object, object?>>().FirstOrDefault(i => Equals(i["name"], item["name"]));
                    if (match is null) targetList.Add(item!);
                    else Merge(match, item, mergeListsByName);
                }
                continue;
            }
            target[key] = value;
        }
    }

    private static bool IsNamedList(List<object?> list) =>
        list.Count > 0 && list.All(i => i is Dictionary<object, object?> d && d.ContainsKey("name"));

    private static bool Matches(Dictionary<object, object?> resource, Dictionary<object, object?> target) =>
        (!target.TryGetValue("kind", out var kind) || Equals(kind, Kind(resource)))
        && (!target.TryGetValue("name", out var name) || Equals(name, Name(resource)));

    private static IEnumerable<Dictionary<object, object?>> Containers(Dictionary<object, object?> resource) =>
        resource.TryGetValue("spec", out var spec) && spec is Dictionary<object, object?> s
        && s.TryGetValue("template", out var template) && template is Dictionary<object, object?> tpl
        && tpl.TryGetValue("spec", out var podSpec) && podSpec is Dictionary<object, object?> ps
            ? List(ps, "containers").Concat(List(ps, "initContainers")).Cast<Dictionary<object, object?>>()
            : [];

    private static List<object?> List(Dictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is List<object?> list ? list : [];

    private static object? Normalise(object? node) => node switch
    {
        IDictionary<object, object> map => map.ToDictionary(kv => kv.Key, kv => Normalise(kv.Value)),
        IList<object> list => list.Select(Normalise).ToList(),
        _ => node,
    };
}
