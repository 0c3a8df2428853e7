using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TrustSafety.ServiceDefaults.Http;

/// <summary>
/// <c>Cache-Control: no-store</c> on every API answer (safeguarding records must not linger in browser or proxy
/// caches). A routed endpoint or an error is API; only a static file served without an endpoint keeps its caching.
/// </summary>
public static class NoStore
{
    public static IApplicationBuilder UseNoStoreForApiResponses(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var staticFile = http.GetEndpoint() is null && http.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified;
            if (!staticFile)
            {
                http.Response.Headers.CacheControl = "no-store";
                http.Response.Headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(http);
    });
}
