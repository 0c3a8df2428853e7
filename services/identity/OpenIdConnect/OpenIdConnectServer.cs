using Microsoft.EntityFrameworkCore;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Keys;
using TrustSafety.Identity.Persistence;

namespace TrustSafety.Identity.OpenIdConnect;

internal static class OpenIdConnectServer
{
    public static void AddOpenIdConnectServer(this WebApplicationBuilder builder, IdentityProviderOptions identity)
    {
        builder.Services.AddDbContext<IdentityDbContext>(options =>
        {
            options.UseNpgsql(builder.Configuration.PostgresConnectionString());
            options.UseOpenIddict();
        });

        var contentRoot = builder.Environment.ContentRootPath;
        var signingKey = PersistentRsaKey.LoadOrCreate(PersistentRsaKey.Resolve(identity.SigningKeyPath, contentRoot));
        var encryptionKey = PersistentRsaKey.LoadOrCreate(PersistentRsaKey.Resolve(identity.EncryptionKeyPath, contentRoot));

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>())
            .AddServer(options =>
            {
                // Explicit, so tokens carry one issuer whether the request came directly or through the gateway.
                options.SetIssuer(identity.Issuer);

                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout");

                // The password grant exists only for the demo trust's shared demo accounts (CLI, tests, seed scripts).
                if (identity.DemoTrust) options.AllowPasswordFlow();
                options.AllowAuthorizationCodeFlow()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow()
                    .RequireProofKeyForCodeExchange();

                options.RegisterScopes(TrustSafetyScopes.All);

                options.AddSigningKey(signingKey)
                    .AddEncryptionKey(encryptionKey)
                    .DisableAccessTokenEncryption();

                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .DisableTransportSecurityRequirement();
            });

        builder.Services.AddHostedService<ClientAndScopeRegistration>();
    }
}
