using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Demo;
using TrustSafety.Identity.Federation;

namespace TrustSafety.Identity.Login;

/// <summary><c>/account/login</c>: the form a person signs in with during the authorization code flow.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(IdpSession.LoginPath, ShowForm).ExcludeFromDescription().WithName("ShowSignInForm");
        app.MapPost(IdpSession.LoginPath, SignIn).ExcludeFromDescription().WithName("SignIn");
        return app;
    }

    private static ContentHttpResult ShowForm(HttpContext context, IAntiforgery antiforgery, IOptions<IdentityProviderOptions> identity,
        [FromQuery(Name = "ReturnUrl")] string? returnUrl, [FromQuery(Name = "external")] string? external) =>
        LoginPage.Render(antiforgery.GetAndStoreTokens(context), userName: null, LocalOrRoot(returnUrl),
            error: external switch
            {
                "failed" => "Signing in with your organisation's account did not finish. Try again, or ask your trust's IT team.",
                "unavailable" => "Your organisation's sign-in service could not be reached just now. Try again in a minute; " +
                    "if it keeps happening, tell your trust's IT team.",
                _ => null,
            },
            demoTrust: identity.Value.DemoTrust, external: ExternalSignIn.Configured(identity.Value.ExternalSignIn));

    // Form binding makes the endpoint validate the antiforgery token before it runs.
    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> SignIn(
        HttpContext context, IAntiforgery antiforgery, AccountLockout lockout, IOptions<IdentityProviderOptions> identity,
        [FromForm] LoginForm form)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        switch (await lockout.SignInAsync(form.UserName, form.Password, context.RequestAborted))
        {
            case SignInOutcome.SignedIn signedIn:
                await IdpSession.SignInAsync(context, signedIn.User.AsPerson());
                return TypedResults.LocalRedirect(returnUrl);
            case SignInOutcome.LockedOut locked:
                return LoginPage.Render(antiforgery.GetAndStoreTokens(context), form.UserName, returnUrl,
                    error: SignInOutcome.LockedMessage(locked.RetryAfter), StatusCodes.Status400BadRequest, identity.Value.DemoTrust,
                    ExternalSignIn.Configured(identity.Value.ExternalSignIn));
            default:
                return LoginPage.Render(antiforgery.GetAndStoreTokens(context), form.UserName, returnUrl,
                    error: SignInOutcome.WrongCredentialsMessage, StatusCodes.Status400BadRequest, identity.Value.DemoTrust,
                    ExternalSignIn.Configured(identity.Value.ExternalSignIn));
        }
    }

    internal sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    // Only redirect within this site, so the form cannot be used as an open redirector.
    internal static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : "/";
}
