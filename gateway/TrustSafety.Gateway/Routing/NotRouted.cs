using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.Gateway.Routing;

/// <summary>
/// Paths the gateway answers itself with 404 so that no catch-all route forwards them: metrics live only on each
/// process's internal metrics listener (<c>Metrics:Port</c>), which no cluster of the gateway points at.
/// </summary>
public static class NotRouted
{
    public static IEndpointRouteBuilder MapNotRouted(this IEndpointRouteBuilder app)
    {
        app.Map("/metrics/{**rest}", NotFound).AllowAnonymous().ExcludeFromDescription().WithName("MetricsNotRouted");
        app.Map("/api/{service}/metrics/{**rest}", NotFound).AllowAnonymous().ExcludeFromDescription().WithName("ServiceMetricsNotRouted");
        return app;
    }

    private static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
        detail: "Metrics are not served through the gateway; Prometheus scrapes each process on its internal metrics port.");
}
