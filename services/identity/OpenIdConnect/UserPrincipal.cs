using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using TrustSafety.Identity.People;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.OpenIdConnect;

/// <summary>Builds the claims a signed-in user's tokens carry, and where each claim goes.</summary>
internal static class UserPrincipal
{
    public static async Task<ClaimsPrincipal> CreateAsync(
        Person user, IEnumerable<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaims(Claims.Role, [.. user.Roles]);

        if (user.SchoolUrn is not null)
        {
            identity.SetClaim(TrustSafetyClaims.School, user.SchoolUrn);
        }

        var grantedScopes = scopes.ToImmutableArray();
        identity.SetScopes(grantedScopes);
        identity.SetResources(await scopeManager.ListResourcesAsync(grantedScopes, cancellationToken).ToListAsync(cancellationToken));
        identity.SetDestinations(claim => DestinationsOf(claim, identity));

        return new ClaimsPrincipal(identity);
    }

    // Services authorise on role and school, so those always reach the access token; the id token follows the scopes.
    private static IEnumerable<string> DestinationsOf(Claim claim, ClaimsIdentity identity) => claim.Type switch
    {
        Claims.Name or Claims.PreferredUsername when identity.HasScope(Scopes.Profile) =>
            [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Role when identity.HasScope(Scopes.Roles) =>
            [Destinations.AccessToken, Destinations.IdentityToken],
        TrustSafetyClaims.School when identity.HasScope(TrustSafetyScopes.School) =>
            [Destinations.AccessToken, Destinations.IdentityToken],
        _ => [Destinations.AccessToken],
    };
}
