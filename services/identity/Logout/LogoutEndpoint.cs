using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenIddict.Server.AspNetCore;
using TrustSafety.Identity.Login;

namespace TrustSafety.Identity.Logout;

/// <summary>
/// <c>/connect/logout</c> (the end-session endpoint): ends the IdP session; OpenIddict then redirects to the
/// client's registered <c>post_logout_redirect_uri</c>, or to the root of this site.
/// </summary>
internal static class LogoutEndpoint
{
    public static IEndpointRouteBuilder MapLogoutEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/logout", [HttpMethods.Get, HttpMethods.Post], (Delegate)Logout)
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithName("SignOut");
        return app;
    }

    private static async Task<SignOutHttpResult> Logout(HttpContext context)
    {
        await IdpSession.SignOutAsync(context);
        return TypedResults.SignOut(
            new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
