using Microsoft.AspNetCore.HttpOverrides;

namespace TrustSafety.Identity.Hosting;

/// <summary>
/// Honours X-Forwarded-Host/Proto from the gateway (loopback proxies only, the ASP.NET Core default), so the
/// discovery document and login redirects name the address the browser used. The issuer stays fixed regardless.
/// </summary>
internal static class GatewayForwarding
{
    public static void AddGatewayForwarding(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
}
