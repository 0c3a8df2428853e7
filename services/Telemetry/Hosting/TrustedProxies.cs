using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TrustSafety.Telemetry.Hosting;

/// <summary>
/// Which proxies may tell a host the caller's address, scheme and host (<c>X-Forwarded-For/Proto/Host</c>):
/// <c>ForwardedHeaders:TrustedProxies:N</c>, each an address (<c>10.0.3.7</c>) or a CIDR range (<c>10.244.0.0/16</c>),
/// e.g. the ingress controller's pods for the gateway and the gateway's pods for identity. None configured: loopback
/// only for identity (ASP.NET Core's default: on one machine the gateway reaches it over loopback), and nobody at all
/// for the gateway (<c>loopbackWhenUnset: false</c>: nothing stands in front of it on one machine, so a
/// client on the same machine, a test included, must not pick its own address). Configured, the list replaces loopback, and a chain of
/// trusted proxies is walked from the right until the first address that is not one of them: that is the client,
/// so a caller cannot pick its own address by sending X-Forwarded-For itself.
/// Shared by identity and the gateway (identity references only this project).
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders:TrustedProxies";

    public static WebApplicationBuilder AddTrustedProxies(this WebApplicationBuilder builder, bool loopbackWhenUnset = true)
    {
        var networks = Parse(builder.Configuration.GetSection(Section).Get<string[]>() ?? []);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            if (networks.Count == 0 && !loopbackWhenUnset)
            {
                // Empty known lists would mean "trust every peer" to the middleware (and ASPNETCORE_FORWARDEDHEADERS_ENABLED
                // empties them), so trusting nobody is saying no headers are processed at all.
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }
            if (networks.Count == 0) return;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var network in networks) options.KnownIPNetworks.Add(network);
            options.ForwardLimit = null;
        });
        return builder;
    }

    /// <summary>Addresses or CIDR ranges; a bad entry stops the start with a message naming the key and the fix.</summary>
    public static IReadOnlyList<IPNetwork> Parse(IReadOnlyList<string> entries)
    {
        var networks = new List<IPNetwork>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i].Trim();
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address))
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new OptionsValidationException($"{Section}:{i}", typeof(string),
                [$"{Section}:{i} is '{entries[i]}': give an IP address (10.0.3.7) or a CIDR range (10.244.0.0/16)."]);
        }
        return networks;
    }
}
