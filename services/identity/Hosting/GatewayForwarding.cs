using TrustSafety.Identity.Configuration;
using TrustSafety.Telemetry.Hosting;

namespace TrustSafety.Identity.Hosting;

/// <summary>
/// Behind the gateway (and an ingress), identity must name the address the browser uses, not the one it listens on
/// (YARP sends <c>Host: identity</c>). Two parts: forwarded headers (caller address, scheme, host) are accepted from
/// <c>ForwardedHeaders:TrustedProxies</c> (the gateway's pods; loopback when unset), and when
/// <c>Identity:PublicOrigin</c> is set every request is treated as addressed to that origin, so the discovery
/// document's endpoints, the login redirects and the form actions name it however the request arrived.
/// The issuer is <c>Identity:Issuer</c> regardless (normally the same origin).
/// </summary>
internal static class GatewayForwarding
{
    public static void AddGatewayForwarding(this WebApplicationBuilder builder) => builder.AddTrustedProxies();

    public static IApplicationBuilder UsePublicOrigin(this WebApplication app, IdentityProviderOptions identity)
    {
        app.UseForwardedHeaders();
        if (identity.PublicOrigin is not { } origin) return app;
        var scheme = origin.Scheme;
        var host = HostString.FromUriComponent(origin);
        return app.Use((http, next) =>
        {
            http.Request.Scheme = scheme;
            http.Request.Host = host;
            return next(http);
        });
    }
}
