using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using Microsoft.Extensions.Options;
using OpenIddict.Server.AspNetCore;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Demo;
using TrustSafety.Identity.Login;
using TrustSafety.Identity.OpenIdConnect;
using TrustSafety.Identity.People;
using TrustSafety.Identity.ServiceClients;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.Token;

/// <summary>
/// <c>POST /connect/token</c>: OpenIddict validates the request; this issues the principal for the password (demo
/// trust only), authorization code, refresh token and (service clients only) client credentials grants.
/// </summary>
internal static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueTokens).DisableAntiforgery().ExcludeFromDescription().WithName("IssueTokens");
        return app;
    }

    private static async Task<Results<SignInHttpResult, ForbidHttpResult>> IssueTokens(
        HttpContext context, PeopleDirectory people, AccountLockout lockout, IOpenIddictScopeManager scopes,
        IOptionsSnapshot<IdentityProviderOptions> identity, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        // The server only allows the password flow in the demo trust; checked again here so it never depends on one switch.
        if (request.IsPasswordGrantType() && identity.Value.DemoTrust)
        {
            return await lockout.SignInAsync(request.Username, request.Password, cancellationToken) switch
            {
                SignInOutcome.SignedIn signedIn => OpenIdConnectResults.SignIn(
                    await UserPrincipal.CreateAsync(signedIn.User.AsPerson(), request.GetScopes(), scopes, cancellationToken)),
                SignInOutcome.LockedOut locked => OpenIdConnectResults.Reject(Errors.InvalidGrant, SignInOutcome.LockedMessage(locked.RetryAfter)),
                _ => OpenIdConnectResults.Reject(Errors.InvalidGrant, SignInOutcome.WrongCredentialsMessage),
            };
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret; configuration still decides, so a client removed from it gets nothing.
            var client = identity.Value.ServiceClients.SingleOrDefault(c => c.ClientId == request.ClientId);
            if (client is null)
            {
                return OpenIdConnectResults.Reject(Errors.InvalidClient, "This client is not a configured TrustSafety service.");
            }

            return OpenIdConnectResults.SignIn(await ServiceClientPrincipal.CreateAsync(client, scopes, cancellationToken));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = await people.FindAsync(result.Principal?.GetClaim(Claims.Subject), cancellationToken);
            if (result.Principal is null || user is null)
            {
                return OpenIdConnectResults.Reject(Errors.InvalidGrant, "The account behind this grant no longer exists or its access was removed.");
            }

            return OpenIdConnectResults.SignIn(await UserPrincipal.CreateAsync(user, result.Principal.GetScopes(), scopes, cancellationToken));
        }

        return OpenIdConnectResults.Reject(Errors.UnsupportedGrantType, $"The grant type '{request.GrantType}' is not supported.");
    }
}
