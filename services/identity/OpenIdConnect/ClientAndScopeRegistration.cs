using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Persistence;
using TrustSafety.Identity.ServiceClients;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.OpenIdConnect;

/// <summary>Creates the schema and brings the first-party clients and scopes in line with configuration at start-up.</summary>
internal sealed class ClientAndScopeRegistration(IServiceProvider services, IOptions<IdentityProviderOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        await database.Database.EnsureCreatedAsync(cancellationToken);

        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (options.Value.DemoTrust)
        {
            await Upsert(applications, CliClient(), cancellationToken);
        }
        else if (await applications.FindByClientIdAsync(TrustSafetyClients.Cli, cancellationToken) is { } cli)
        {
            await applications.DeleteAsync(cli, cancellationToken);
        }

        await Upsert(applications, DashboardClient(options.Value), cancellationToken);
        foreach (var client in options.Value.ServiceClients)
        {
            await Upsert(applications, ServiceClient(client), cancellationToken);
        }

        var scopes = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        await Upsert(scopes, ApiScope(), cancellationToken);
        await Upsert(scopes, new OpenIddictScopeDescriptor { Name = TrustSafetyScopes.School, DisplayName = "Your school" }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor CliClient()
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = TrustSafetyClients.Cli,
            DisplayName = "TrustSafety command line",
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
        };
        client.Permissions.UnionWith(
        [
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.Password,
            Permissions.GrantTypes.RefreshToken,
            .. UserScopePermissions,
        ]);
        return client;
    }

    private static OpenIddictApplicationDescriptor DashboardClient(IdentityProviderOptions identity)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = TrustSafetyClients.Dashboard,
            DisplayName = "TrustSafety dashboard",
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
        };
        client.RedirectUris.UnionWith(identity.DashboardRedirectUris);
        client.PostLogoutRedirectUris.UnionWith(identity.DashboardPostLogoutRedirectUris);
        client.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.Endpoints.EndSession,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.GrantTypes.RefreshToken,
            Permissions.ResponseTypes.Code,
            .. UserScopePermissions,
        ]);
        client.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        return client;
    }

    private static OpenIddictApplicationDescriptor ServiceClient(ServiceClientOptions configured)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = configured.ClientId,
            ClientSecret = configured.ClientSecret,
            DisplayName = $"TrustSafety service {configured.ClientId}",
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit,
        };
        client.Permissions.UnionWith(
        [
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.ClientCredentials,
            Permissions.Prefixes.Scope + TrustSafetyScopes.Api,
        ]);
        return client;
    }

    private static readonly string[] UserScopePermissions =
    [
        Permissions.Scopes.Profile,
        Permissions.Scopes.Roles,
        Permissions.Prefixes.Scope + TrustSafetyScopes.School,
        Permissions.Prefixes.Scope + TrustSafetyScopes.Api,
        Permissions.Prefixes.Scope + Scopes.OfflineAccess,
    ];

    private static OpenIddictScopeDescriptor ApiScope()
    {
        var scope = new OpenIddictScopeDescriptor { Name = TrustSafetyScopes.Api, DisplayName = "TrustSafety services" };
        scope.Resources.Add(TrustSafetyScopes.ApiResource);
        return scope;
    }

    private static async Task Upsert(IOpenIddictApplicationManager manager, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await manager.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private static async Task Upsert(IOpenIddictScopeManager manager, OpenIddictScopeDescriptor descriptor, CancellationToken cancellationToken)
    {
        var existing = await manager.FindByNameAsync(descriptor.Name!, cancellationToken);
        if (existing is null)
        {
            await manager.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await manager.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
