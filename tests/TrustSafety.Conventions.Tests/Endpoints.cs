using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Every endpoint a service maps has an operation name (<c>WithName</c>, the OpenAPI operation id) and answers with typed
/// results (<c>Results&lt;Ok&lt;T&gt;, …&gt;</c>, not <c>IResult</c>), so its OpenAPI document says what it returns. Each service
/// is hosted from its own Program.cs with its background services removed: its endpoints are built, nothing listens and
/// no database or broker is touched.
/// </summary>
public sealed class Endpoints
{
    public static TheoryData<string> Services => new(Hosts.Keys);

    // Try it: delete `.WithName("ListPolicies")` in services/governance/Policies/ManagingPolicies.cs: this test names
    // "GET /policies" of governance.
    [Theory, MemberData(nameof(Services))]
    public void every_endpoint_has_an_operation_name(string service)
    {
        var unnamed = ApiEndpoints(service).Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is null).Select(Describe).ToList();
        unnamed.ShouldBeEmpty($"{service}: give each endpoint .WithName(\"VerbNoun\") (its OpenAPI operation id):\n" + string.Join("\n", unnamed));
    }

    // Try it: change the return type of `Register` in services/governance/Policies/ManagingPolicies.cs to Task<IResult>
    // (its body still compiles): this test names "PUT /policies/{code}" of governance.
    [Theory, MemberData(nameof(Services))]
    public void every_endpoint_answers_with_typed_results(string service)
    {
        var untyped = ApiEndpoints(service).Where(e => !IsTyped(e)).Select(Describe).ToHashSet(StringComparer.Ordinal);
        var known = UntypedToday.TryGetValue(service, out var list) ? list.ToHashSet(StringComparer.Ordinal) : [];
        var added = untyped.Except(known).Order().ToList();
        added.ShouldBeEmpty($"{service}: return Results<Ok<T>, …> / Ok<T> (TypedResults), not IResult:\n" + string.Join("\n", added));
        var mended = known.Except(untyped).Order().ToList();
        mended.ShouldBeEmpty($"{service}: these now answer with typed results; take them off {nameof(UntypedToday)}:\n" + string.Join("\n", mended));
    }

    /// <summary>
    /// Endpoints that still return <c>IResult</c> (debt from before this check, to be worked down, never added to): the
    /// test above fails for any endpoint not listed here, and for a listed one that has been mended.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> UntypedToday = UntypedEndpoints.All;

    private static readonly Dictionary<string, Type> Hosts = new()
    {
        ["consent"] = typeof(Consent.EntryPoint),
        ["device-register"] = typeof(DeviceRegister.EntryPoint),
        ["filtering-ingest"] = typeof(FilteringIngest.EntryPoint),
        ["incident"] = typeof(Incident.EntryPoint),
        ["reporting"] = typeof(Reporting.EntryPoint),
        ["notifications"] = typeof(Notifications.EntryPoint),
        ["governance"] = typeof(Governance.EntryPoint),
    };

    private static readonly Dictionary<string, IReadOnlyList<RouteEndpoint>> Built = [];

    /// <summary>The service's own API: minimal-API handlers, not health, metrics or the OpenAPI document.</summary>
    private static IReadOnlyList<RouteEndpoint> ApiEndpoints(string service)
    {
        lock (Built)
        {
            if (Built.TryGetValue(service, out var built)) return built;
            var factory = (IDisposable)Activator.CreateInstance(typeof(EndpointsOnly<>).MakeGenericType(Hosts[service]))!;
            var provider = (IServiceProvider)factory.GetType().GetProperty("Services")!.GetValue(factory)!;
            var endpoints = provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null)
                .Where(e => e.RoutePattern.RawText?.StartsWith("/openapi", StringComparison.Ordinal) != true)
                .ToList();
            endpoints.Count.ShouldBeGreaterThan(3, $"{service}: its endpoints should be found");
            Built[service] = endpoints;
            return endpoints;
        }
    }

    private static bool IsTyped(RouteEndpoint endpoint)
    {
        var type = endpoint.Metadata.GetMetadata<MethodInfo>()!.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            type = type.GetGenericArguments()[0];
        return type != typeof(IResult) && type != typeof(object) && typeof(IResult).IsAssignableFrom(type);
    }

    internal static string Describe(RouteEndpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} {e.RoutePattern.RawText}";

    /// <summary>The service's host as Program.cs composes it, without its background work (daemon, forwarder, broker, listeners).</summary>
    private sealed class EndpointsOnly<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.RemoveAll<IHostedService>());
        }
    }
}
