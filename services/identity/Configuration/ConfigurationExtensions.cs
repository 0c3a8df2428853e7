using Microsoft.Extensions.Options;
using TrustSafety.Identity.ServiceClients;

namespace TrustSafety.Identity.Configuration;

internal static class ConfigurationExtensions
{
    public static IdentityProviderOptions AddIdentityProviderOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityProviderOptions>()
            .Bind(builder.Configuration.GetSection(IdentityProviderOptions.SectionName))
            .PostConfigure(ApplyDefaultClientUris)
            .Validate(o => o.Issuer.IsAbsoluteUri, "Identity:Issuer must be an absolute URI.")
            .Validate(o => o.PublicOrigin is null || (o.PublicOrigin.IsAbsoluteUri && o.PublicOrigin.AbsolutePath == "/"
                    && o.PublicOrigin.Query.Length == 0 && o.PublicOrigin.Scheme is "http" or "https"),
                "Identity:PublicOrigin must be an origin such as https://safety.example-trust.org.uk/ (scheme, host, optional port; no path).")
            .Validate(o => o.Lockout.MaxFailedAttempts >= 1 && o.Lockout.Duration > TimeSpan.Zero,
                "Identity:Lockout needs MaxFailedAttempts of at least 1 and a positive Duration.")
            .Validate(o => !o.ExternalSignIn.Entra.Enabled || (!string.IsNullOrWhiteSpace(o.ExternalSignIn.Entra.ClientSecret)
                    && (!string.IsNullOrWhiteSpace(o.ExternalSignIn.Entra.TenantId) || o.ExternalSignIn.Entra.Authority is not null)),
                "Identity:ExternalSignIn:Entra needs ClientSecret and TenantId (the trust's directory id) besides ClientId.")
            .Validate(o => !o.ExternalSignIn.Google.Enabled || (!string.IsNullOrWhiteSpace(o.ExternalSignIn.Google.ClientSecret)
                    && !string.IsNullOrWhiteSpace(o.ExternalSignIn.Google.HostedDomain)),
                "Identity:ExternalSignIn:Google needs ClientSecret and HostedDomain (the trust's Workspace domain) besides ClientId.")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityProviderOptions>, ServiceClientsValidation>();

        // OpenIddict's server options are built from these values, so they are read once here as well.
        var options = builder.Configuration.GetSection(IdentityProviderOptions.SectionName).Get<IdentityProviderOptions>()
            ?? new IdentityProviderOptions();
        ApplyDefaultClientUris(options);
        return options;
    }

    private static void ApplyDefaultClientUris(IdentityProviderOptions options)
    {
        if (options.DashboardRedirectUris.Count == 0)
        {
            options.DashboardRedirectUris.AddRange(IdentityProviderOptions.DefaultDashboardRedirectUris);
        }

        if (options.DashboardPostLogoutRedirectUris.Count == 0)
        {
            options.DashboardPostLogoutRedirectUris.AddRange(IdentityProviderOptions.DefaultDashboardPostLogoutRedirectUris);
        }
    }

    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString("Postgres")
        ?? throw new OptionsValidationException("ConnectionStrings:Postgres", typeof(string),
            ["ConnectionStrings:Postgres is required: the identity service keeps its OpenIddict tables in PostgreSQL."]);
}
