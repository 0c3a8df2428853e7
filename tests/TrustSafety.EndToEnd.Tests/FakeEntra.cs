using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using TrustSafety.Testing;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>An account at the trust's Microsoft Entra ID: object id, directory (tenant) id, sign-in name.</summary>
public sealed record EntraAccount(string ObjectId, string TenantId, string UserPrincipalName, string Name);

/// <summary>
/// A second OpenID Connect provider playing the trust's Microsoft Entra ID: a minimal OpenIddict server (like identity
/// itself) on its own loopback port and database, with Entra's paths and claims (<c>oid</c>, <c>tid</c>,
/// <c>preferred_username</c>). It has no login form: whoever the test puts in <see cref="NextAccount"/> has just signed in.
/// </summary>
public sealed class FakeEntra : IAsyncDisposable
{
    public const string TenantId = "5b0c2a3e-8f7d-4c1e-9a6b-2d4e6f8a0c12";
    public const string ClientId = "4f1d7c9e-trustsafety-broker";
    public const string ClientSecret = "entra-test-client-secret-that-is-long-enough-0123456789";

    private readonly WebApplication _app;
    private readonly TestDatabase _database;

    private FakeEntra(WebApplication app, TestDatabase database, string authority)
    {
        _app = app;
        _database = database;
        Authority = authority;
    }

    /// <summary>What identity sets as <c>Identity:ExternalSignIn:Entra:Authority</c> (Entra's is login.microsoftonline.com/{tenant}/v2.0).</summary>
    public string Authority { get; }

    public EntraAccount? NextAccount { get; set; }

    public static async Task<FakeEntra> StartAsync(string redirectUri)
    {
        var database = await TestDatabase.CreateAsync("entra");
        var authority = $"http://127.0.0.1:{FreePort.Next()}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(authority);
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<EntraDbContext>(o =>
        {
            o.UseNpgsql(database.ConnectionString);
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<EntraDbContext>())
            .AddServer(o =>
            {
                o.SetIssuer(new Uri(authority));
                o.SetAuthorizationEndpointUris("oauth2/v2.0/authorize").SetTokenEndpointUris("oauth2/v2.0/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().DisableTransportSecurityRequirement();
            });

        var app = builder.Build();
        var entra = new FakeEntra(app, database, authority);
        app.MapMethods("/oauth2/v2.0/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext context) =>
        {
            var request = context.GetOpenIddictServerRequest()!;
            var account = entra.NextAccount ?? throw new InvalidOperationException("The test has not chosen who signs in at Entra.");
            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, "pairwise-" + account.ObjectId)
                .SetClaim("oid", account.ObjectId)
                .SetClaim("tid", account.TenantId)
                .SetClaim(Claims.PreferredUsername, account.UserPrincipalName)
                .SetClaim(Claims.Name, account.Name);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        app.MapPost("/oauth2/v2.0/token", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            return Results.SignIn(result.Principal!, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EntraDbContext>().Database.EnsureCreatedAsync();
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var client = new OpenIddictApplicationDescriptor
            {
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                ClientType = ClientTypes.Confidential,
                DisplayName = "TrustSafety (app registration)",
                RedirectUris = { new Uri(redirectUri) },
            };
            client.Permissions.UnionWith([Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code, Permissions.Scopes.Profile, Permissions.Scopes.Email]);
            await applications.CreateAsync(client);
        }

        await app.StartAsync();
        return entra;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    internal sealed class EntraDbContext(DbContextOptions<EntraDbContext> options) : DbContext(options);
}
