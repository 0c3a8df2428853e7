using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Shouldly;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// A host's own endpoints, read as its Program.cs maps them: the host is built with its background services removed, so
/// nothing listens and no database or broker is touched. Shared by link with TrustSafety.Identity.Tests, which checks
/// identity's endpoints there (identity runs on Npgsql 10, the services on Npgsql 9: one test assembly cannot load both).
/// </summary>
internal static class ServiceEndpoints
{
    /// <summary>Minimal-API handlers only: not health, metrics, the reverse proxy's routes or the OpenAPI document.</summary>
    public static IReadOnlyList<RouteEndpoint> Of(Type entryPoint, string host)
    {
        var factory = (IDisposable)Activator.CreateInstance(typeof(EndpointsOnly<>).MakeGenericType(entryPoint))!;
        var provider = (IServiceProvider)factory.GetType().GetProperty("Services")!.GetValue(factory)!;
        var endpoints = provider.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null)
            .Where(e => e.RoutePattern.RawText?.StartsWith("/openapi", StringComparison.Ordinal) != true)
            .ToList();
        endpoints.ShouldNotBeEmpty($"{host}: its endpoints should be found");
        return endpoints;
    }

    /// <summary>Answers with a concrete <see cref="IResult"/> type (<c>Results&lt;…&gt;</c>, <c>Ok&lt;T&gt;</c>…), not <c>IResult</c> or <c>object</c>.</summary>
    public static bool IsTyped(RouteEndpoint endpoint)
    {
        var type = endpoint.Metadata.GetMetadata<MethodInfo>()!.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            type = type.GetGenericArguments()[0];
        return type != typeof(IResult) && type != typeof(object) && typeof(IResult).IsAssignableFrom(type);
    }

    public static bool IsNamed(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>() is not null;

    public static string Describe(RouteEndpoint e) =>
        $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} {e.RoutePattern.RawText}";

    /// <summary>The host as Program.cs composes it, without its background work (daemon, forwarder, broker, listeners).</summary>
    private sealed class EndpointsOnly<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.RemoveAll<IHostedService>());
        }
    }
}
