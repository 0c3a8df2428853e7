using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.FilteringIngest.Attribution;

public static class AttributionSetup
{
    /// <summary>Trust-wide attribution through device-register, called with this service's own client-credentials token.</summary>
    public static WebApplicationBuilder AddDeviceRegisterAttribution(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceClientOptions>().BindConfiguration(ServiceClientOptions.Section)
            .PostConfigure<IConfiguration>((o, config) =>
            {
                if (!string.IsNullOrWhiteSpace(o.TokenEndpoint)) return;
                var authority = config.GetSection(PlatformAuthenticationOptions.Section).Get<PlatformAuthenticationOptions>()?.Authority
                    ?? new PlatformAuthenticationOptions().Authority;
                o.TokenEndpoint = authority.TrimEnd('/') + "/connect/token";
            })
            .Validate(o => Uri.TryCreate(o.TokenEndpoint, UriKind.Absolute, out _),
                "Ingest:ServiceClient:TokenEndpoint must be an absolute URL (or empty: {Authentication:Authority}connect/token).")
            .Validate(o => !string.IsNullOrWhiteSpace(o.ClientId) && !string.IsNullOrWhiteSpace(o.ClientSecret),
                "Ingest:ServiceClient:ClientId and ClientSecret are required (identity's Identity:ServiceClients entry for this service).")
            .ValidateOnStart();
        builder.Services.AddHttpClient(ServiceTokens.HttpClientName);
        builder.Services.AddSingleton<ServiceTokens>();
        builder.Services.AddSingleton<AttributionCache>();
        builder.Services.AddHttpClient<IAttribution, DeviceRegisterAttribution>();
        return builder;
    }
}
