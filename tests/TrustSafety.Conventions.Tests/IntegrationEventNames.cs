using System.Reflection;
using System.Text.RegularExpressions;
using MassTransit;
using TrustSafety.Contracts;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Every integration event in contracts/ carries a stable, versioned wire name: the message URN consumers match
/// (`trustsafety:&lt;kebab-name&gt;:v&lt;n&gt;`) and the RabbitMQ exchange it is published to (`trustsafety.&lt;kebab-name&gt;.v&lt;n&gt;`).
/// </summary>
public sealed partial class IntegrationEventNames
{
    private static readonly Type[] Events = typeof(IIntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IIntegrationEvent).IsAssignableFrom(t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    [GeneratedRegex("^trustsafety:(?<name>[a-z0-9]+(-[a-z0-9]+)*):(?<version>v[0-9]+)$")]
    private static partial Regex UrnPattern();

    // Try it: change any [MessageUrn("trustsafety:incident-closed:v1")] in contracts/ to "trustsafety.incident-closed.v1"
    // (or remove the attribute): this test names the type and the URN it found.
    [Fact]
    public void every_integration_event_has_a_kebab_case_versioned_message_urn()
    {
        Events.Length.ShouldBeGreaterThan(10, "the contracts assembly should hold the platform's integration events");
        var wrong = Events
            .Select(t => (Type: t, Urn: t.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()))
            .Where(e => e.Urn is null || !UrnPattern().IsMatch(WithoutPrefix(e.Urn)))
            .Select(e => $"{e.Type.FullName}: [MessageUrn] is {(e.Urn is null ? "missing" : $"\"{WithoutPrefix(e.Urn)}\"")}")
            .ToList();
        wrong.ShouldBeEmpty("every integration event needs [MessageUrn(\"trustsafety:<kebab-name>:v<n>\")]:\n" + string.Join("\n", wrong));
    }

    // Try it: change any [EntityName("trustsafety.incident-closed.v1")] in contracts/ to "trustsafety.incident_closed.v1"
    // (or to another event's name): this test names the type, the exchange it found and the one its URN implies.
    [Fact]
    public void every_integration_event_is_published_to_the_exchange_its_urn_names()
    {
        var wrong = new List<string>();
        foreach (var type in Events)
        {
            var urn = type.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString();
            if (urn is null || UrnPattern().Match(WithoutPrefix(urn)) is not { Success: true } match) continue; // the URN test names it
            var expected = $"trustsafety.{match.Groups["name"].Value}.{match.Groups["version"].Value}";
            var entity = type.GetCustomAttribute<EntityNameAttribute>()?.EntityName;
            if (entity != expected)
                wrong.Add($"{type.FullName}: [EntityName] is {(entity is null ? "missing" : $"\"{entity}\"")}, expected \"{expected}\"");
        }
        wrong.ShouldBeEmpty("the exchange name is the URN with dots (trustsafety.<kebab-name>.v<n>):\n" + string.Join("\n", wrong));
    }

    // Try it: give two events in contracts/ the same [MessageUrn]: this test names both types.
    [Fact]
    public void no_two_integration_events_share_a_message_urn()
    {
        var shared = Events
            .GroupBy(t => t.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString())
            .Where(g => g.Key is not null && g.Count() > 1)
            .Select(g => $"{WithoutPrefix(g.Key!)}: {string.Join(", ", g.Select(t => t.FullName))}")
            .ToList();
        shared.ShouldBeEmpty("a URN names exactly one message type:\n" + string.Join("\n", shared));
    }

    private static string WithoutPrefix(string urn) => urn.StartsWith("urn:message:", StringComparison.Ordinal) ? urn["urn:message:".Length..] : urn;
}
