using TrustSafety.ServiceDefaults.Auth;
using Yarp.ReverseProxy.Transforms;
using TrustSafety.Platform;

namespace TrustSafety.Gateway.Routing;

public static class PlatformRoutes
{
    /// <summary>The header services may read for the caller's school; only ever set from the validated token.</summary>
    public const string SchoolHeader = "X-School-Urn";

    public const string Anonymous = "anonymous";
    public const string Authenticated = "default";

    /// <summary>
    /// Routes come from the <c>ReverseProxy</c> configuration section (appsettings.json): /api/&lt;service&gt;/… to each
    /// service with the prefix removed, identity's OIDC endpoints anonymously, vendor webhooks anonymously (their
    /// signature is their authentication, checked by filtering-ingest on the raw body). Each service's health
    /// (<c>/api/&lt;service&gt;/health/live|ready</c>) and OpenAPI document have explicit anonymous GET routes; metrics
    /// are never routed (<see cref="NotRouted"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformRoutes(this WebApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(context =>
            {
                context.AddRequestTransform(transform =>
                {
                    transform.ProxyRequest.Headers.Remove(SchoolHeader);
                    var school = transform.HttpContext.User.FindFirst(PlatformClaims.School)?.Value;
                    if (school is not null) transform.ProxyRequest.Headers.TryAddWithoutValidation(SchoolHeader, school);
                    return ValueTask.CompletedTask;
                });
                // Never name the server software behind the gateway, whatever a service sends.
                context.AddResponseHeaderRemove("Server");
            });
        return builder;
    }
}
