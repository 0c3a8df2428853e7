using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Abstractions;
using TrustSafety.Identity.People;
using TrustSafety.Identity.Login;
using TrustSafety.Identity.OpenIdConnect;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.Authorize;

/// <summary>
/// <c>/connect/authorize</c>: sends a person without an IdP session to the login form, then issues the code.
/// First-party clients only, so there is no consent screen.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static IEndpointRouteBuilder MapAuthorizeEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], Authorize)
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithName("Authorize");
        return app;
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult, ForbidHttpResult>> Authorize(
        HttpContext context, PeopleDirectory people, IOpenIddictScopeManager scopes, CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        var user = await IdpSession.CurrentPersonAsync(context, people);
        if (user is null)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return OpenIdConnectResults.Reject(Errors.LoginRequired, "The user is not signed in.");
            }

            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = ReturnUrl(context, request) },
                [IdpSession.Scheme]);
        }

        return OpenIdConnectResults.SignIn(await UserPrincipal.CreateAsync(user, request.GetScopes(), scopes, cancellationToken));
    }

    // The login form returns here with the original parameters; POSTed requests are replayed as a GET.
    private static string ReturnUrl(HttpContext context, OpenIddictRequest request) =>
        context.Request.PathBase + context.Request.Path + QueryString.Create(
            request.GetParameters().Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value)));
}
