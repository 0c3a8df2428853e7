using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using TrustSafety.Identity.People;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.Login;

/// <summary>The identity provider's own browser session: a cookie naming the signed-in user.</summary>
internal static class IdpSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string LoginPath = "/account/login";

    public static void AddIdpSession(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddCookie(Scheme, options =>
            {
                options.LoginPath = LoginPath;
                options.Cookie.Name = "trustsafety.idp";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        services.AddAuthorization();
        services.AddAntiforgery();
    }

    public static Task SignInAsync(HttpContext context, Person user)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Id));
        identity.AddClaim(new Claim(Claims.Name, user.DisplayName));
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    public static async Task<Person?> CurrentPersonAsync(HttpContext context, PeopleDirectory people)
    {
        var result = await context.AuthenticateAsync(Scheme);
        return result.Succeeded ? await people.FindAsync(result.Principal.FindFirst(Claims.Subject)?.Value, context.RequestAborted) : null;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
