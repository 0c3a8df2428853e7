using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using TrustSafety.Identity.OpenIdConnect;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.ServiceClients;

/// <summary>The claims a service's client-credentials token carries: who (the client id), its roles, the API audience; never a school.</summary>
internal static class ServiceClientPrincipal
{
    public static async Task<ClaimsPrincipal> CreateAsync(
        ServiceClientOptions client, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ClientId)
            .SetClaim(Claims.Name, client.ClientId)
            .SetClaims(Claims.Role, [.. client.Roles]);

        string[] scopes = [TrustSafetyScopes.Api];
        identity.SetScopes(scopes);
        identity.SetResources(await scopeManager.ListResourcesAsync([.. scopes], cancellationToken).ToListAsync(cancellationToken));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
