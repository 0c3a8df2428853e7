using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Identity.DemoTrust;

namespace TrustSafety.Identity.Login;

/// <summary><c>/account/login</c>: the form a person signs in with during the authorization code flow.</summary>
internal static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(IdpSession.LoginPath, ShowForm).ExcludeFromDescription();
        app.MapPost(IdpSession.LoginPath, SignIn).ExcludeFromDescription();
        return app;
    }

    private static IResult ShowForm(HttpContext context, IAntiforgery antiforgery, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
        LoginPage.Render(antiforgery.GetAndStoreTokens(context), userName: null, LocalOrRoot(returnUrl), error: null);

    // Form binding makes the endpoint validate the antiforgery token before it runs.
    private static async Task<IResult> SignIn(
        HttpContext context, IAntiforgery antiforgery, DemoUsers users, [FromForm] LoginForm form)
    {
        var returnUrl = LocalOrRoot(form.ReturnUrl);
        var user = users.Authenticate(form.UserName, form.Password);
        if (user is null)
        {
            return LoginPage.Render(antiforgery.GetAndStoreTokens(context), form.UserName, returnUrl,
                error: "The user name or password is not correct.", StatusCodes.Status400BadRequest);
        }

        await IdpSession.SignInAsync(context, user);
        return Results.LocalRedirect(returnUrl);
    }

    internal sealed record LoginForm(string? UserName, string? Password, string? ReturnUrl);

    // Only redirect within this site, so the form cannot be used as an open redirector.
    private static string LocalOrRoot(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
            ? url
            : "/";
}
