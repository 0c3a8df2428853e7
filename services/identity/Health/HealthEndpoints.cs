using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustSafety.Identity.Persistence;

namespace TrustSafety.Identity.Health;

/// <summary><c>/health/live</c> answers while the process runs; <c>/health/ready</c> also needs PostgreSQL.</summary>
internal static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    public static void AddIdentityHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddCheck<DatabaseReachable>("postgres", tags: [ReadyTag]);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    private sealed class DatabaseReachable(IdentityDbContext database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await database.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("PostgreSQL is not reachable.");
    }
}
