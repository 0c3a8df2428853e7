using System.Reflection;
using System.Text.RegularExpressions;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Every event a service stores has an explicit, versioned stored name (`concern_reported.v1`): without one Marten
/// stores the class name, and renaming the class orphans every stored event of that type.
/// </summary>
public sealed partial class StoredEventNames
{
    [GeneratedRegex(@"^[a-z0-9]+(_[a-z0-9]+)*\.v[0-9]+$")]
    private static partial Regex StoredNamePattern();

    // Try it: in services/incident/EventStore.cs change "incident_closed.v1" to "incident_closed" (or to "IncidentClosed.v1"):
    // this test names the service, the event type and the stored name.
    [Theory]
    [MemberData(nameof(ServiceStores.Folders), MemberType = typeof(ServiceStores))]
    public void every_event_type_a_service_maps_has_a_versioned_stored_name(string service)
    {
        var mapped = ServiceStores.MappedEvents(ServiceStores.For(service));
        mapped.ShouldNotBeEmpty($"services/{service} maps no event types: is its store configuration listed in ServiceStores?");
        var wrong = mapped.Where(e => !StoredNamePattern().IsMatch(e.Name)).Select(e => $"{e.Type.FullName} is stored as \"{e.Name}\"").ToList();
        wrong.ShouldBeEmpty(
            $"services/{service}: map every event with opts.Events.MapEventType<T>(\"snake_name.v<n>\"):\n" + string.Join("\n", wrong));
    }

    // Try it: in services/incident/EventStore.cs map IncidentReopened as "incident_closed.v1" too: this test names both types.
    [Theory]
    [MemberData(nameof(ServiceStores.Folders), MemberType = typeof(ServiceStores))]
    public void no_two_event_types_of_a_service_share_a_stored_name(string service)
    {
        var shared = ServiceStores.MappedEvents(ServiceStores.For(service))
            .GroupBy(e => e.Name).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\": {string.Join(", ", g.Select(e => e.Type.FullName))}")
            .ToList();
        shared.ShouldBeEmpty($"services/{service}: a stored name reads back as exactly one type:\n" + string.Join("\n", shared));
    }

    // Try it: delete the line `events.MapEventType<IncidentReopened>("incident_reopened.v1");` from
    // services/incident/EventStore.cs: OnlineSafetyIncident.Apply(IncidentReopened) is then unmapped and this test names it.
    [Theory]
    [MemberData(nameof(ServiceStores.Folders), MemberType = typeof(ServiceStores))]
    public void every_event_a_snapshot_or_projection_applies_is_mapped(string service)
    {
        var store = ServiceStores.For(service);
        var mapped = ServiceStores.MappedEvents(store).Select(e => e.Type).ToHashSet();
        var unmapped = AppliedEvents(store.Assembly)
            .Where(a => !mapped.Contains(a.Event))
            .Select(a => $"{a.Event.FullName} (applied by {a.Method.DeclaringType!.FullName}.{a.Method.Name})")
            .Distinct()
            .ToList();
        unmapped.ShouldBeEmpty($"services/{service}: these events are applied but have no MapEventType:\n" + string.Join("\n", unmapped));
    }

    // Try it: add `session.Events.Append(Guid.NewGuid(), new ProbeHappened());` with `record ProbeHappened;` anywhere under
    // services/incident/: this test names the file, the line and the type.
    [Theory]
    [MemberData(nameof(ServiceStores.Folders), MemberType = typeof(ServiceStores))]
    public void every_event_constructed_in_an_append_call_is_mapped(string service)
    {
        var store = ServiceStores.For(service);
        var mappedNames = ServiceStores.MappedEvents(store).Select(e => e.Type.Name).ToHashSet(StringComparer.Ordinal);
        var serviceTypes = store.Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var unmapped = new List<string>();
        foreach (var file in Repository.SourceFiles(Path.Combine("services", store.Folder), "*.cs"))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in AppendCall().Matches(text))
            {
                foreach (var argument in Arguments(text, call.Index + call.Length - 1))
                {
                    if (NewType().Match(argument) is not { Success: true } created) continue;
                    var type = created.Groups["type"].Value;
                    if (serviceTypes.Contains(type) && !mappedNames.Contains(type))
                        unmapped.Add($"{Repository.Relative(file)}:{LineOf(text, call.Index)}: {type}");
                }
            }
        }
        unmapped.ShouldBeEmpty($"services/{store.Folder}: these appended events have no MapEventType:\n" + string.Join("\n", unmapped));
    }

    [Fact]
    public void every_service_with_an_event_store_is_checked()
    {
        var withStore = Repository.SourceFiles("services", "Program.cs")
            .Where(f => File.ReadAllText(f).Contains(".AddEventStore(", StringComparison.Ordinal))
            .Select(f => Repository.Relative(f).Split('/')[1])
            .Order(StringComparer.Ordinal)
            .ToList();
        withStore.ShouldBe(ServiceStores.All.Select(s => s.Folder).Order(StringComparer.Ordinal).ToList(),
            "every service whose Program.cs calls AddEventStore must be listed (with its configure method) in ServiceStores");
    }

    /// <summary>Event types taken by the Create/Apply/ShouldDelete methods (snapshots and projections) of the assembly.</summary>
    private static IEnumerable<(Type Event, MethodInfo Method)> AppliedEvents(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        foreach (var method in type.GetMethods(all))
        {
            if (method.Name is not ("Create" or "Apply" or "ShouldDelete") || method.GetParameters() is not [var first, ..]) continue;
            var parameter = first.ParameterType;
            if (parameter.IsGenericType && parameter.GetGenericTypeDefinition() == typeof(JasperFx.Events.IEvent<>))
                parameter = parameter.GetGenericArguments()[0];
            if (parameter.Assembly == assembly && parameter is { IsClass: true, IsAbstract: false }) yield return (parameter, method);
        }
    }

    [GeneratedRegex(@"\.Events\.(Append|StartStream(<[^>]*>)?)\(")]
    private static partial Regex AppendCall();

    [GeneratedRegex(@"^\s*new\s+(?<type>[A-Z][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex NewType();

    /// <summary>The top-level arguments of the call whose opening parenthesis is at <paramref name="open"/>.</summary>
    private static List<string> Arguments(string text, int open)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            if (depth == 0 || (depth == 1 && c == ','))
            {
                arguments.Add(text[start..i]);
                start = i + 1;
            }
            if (depth == 0) break;
        }
        return arguments;
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
