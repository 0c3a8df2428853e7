using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TrustSafety.Identity.Configuration;

namespace TrustSafety.Identity.Federation;

/// <summary>
/// The ASP.NET Core OpenID Connect (Entra ID) and Google handlers, configured from <see cref="ExternalSignInOptions"/>.
/// They sign into a short-lived external cookie only; <see cref="ExternalSignInEndpoints"/> then maps that account to a
/// staff account and starts identity's own session, so every platform token still comes from identity.
/// </summary>
internal static class ExternalSignIn
{
    public const string ExternalScheme = "external";
    public const string EntraScheme = "entra";
    public const string GoogleScheme = "google";
    public const string ProviderItem = "provider";

    public static IReadOnlyList<(string Scheme, string DisplayName)> Configured(ExternalSignInOptions options) =>
    [
        .. options.Entra.Enabled ? [(EntraScheme, "Microsoft")] : Array.Empty<(string, string)>(),
        .. options.Google.Enabled ? [(GoogleScheme, "Google")] : Array.Empty<(string, string)>(),
    ];

    public static void AddExternalSignIn(this IServiceCollection services, IdentityProviderOptions identity)
    {
        var options = identity.ExternalSignIn;
        var authentication = services.AddAuthentication().AddCookie(ExternalScheme, o =>
        {
            o.Cookie.Name = "trustsafety.external";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
        });

        if (options.Entra.Enabled)
        {
            authentication.AddOpenIdConnect(EntraScheme, "Microsoft", o =>
            {
                o.SignInScheme = ExternalScheme;
                o.Authority = options.Entra.AuthorityUri;
                o.RequireHttpsMetadata = o.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                o.ClientId = options.Entra.ClientId;
                o.ClientSecret = options.Entra.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                o.Scope.Add("profile");
                o.Scope.Add("email");
                o.CallbackPath = "/account/external/entra/callback";
                o.SignedOutCallbackPath = "/account/external/entra/signed-out";
                o.RemoteSignOutPath = "/account/external/entra/remote-sign-out";
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.SaveTokens = false;
                o.TokenValidationParameters.NameClaimType = "name";
                LaxCorrelation(o);
                // Query response: the callback is a top-level GET, so Lax cookies return with it on http and https alike.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.Events.OnRemoteFailure = RemoteFailure;
            });
        }

        if (options.Google.Enabled)
        {
            authentication.AddGoogle(GoogleScheme, "Google", o =>
            {
                o.SignInScheme = ExternalScheme;
                o.ClientId = options.Google.ClientId!;
                o.ClientSecret = options.Google.ClientSecret!;
                o.CallbackPath = "/account/external/google/callback";
                if (options.Google.AuthorizationEndpoint is { } authorize) o.AuthorizationEndpoint = authorize.AbsoluteUri;
                if (options.Google.TokenEndpoint is { } token) o.TokenEndpoint = token.AbsoluteUri;
                if (options.Google.UserInformationEndpoint is { } userInfo) o.UserInformationEndpoint = userInfo.AbsoluteUri;
                o.UsePkce = true;
                o.Scope.Add("email");
                o.ClaimActions.MapJsonKey("hd", "hd");
                o.ClaimActions.MapJsonKey("email_verified", "email_verified");
                LaxCorrelation(o);
                o.Events.OnRedirectToAuthorizationEndpoint = context =>
                {
                    // A hint to Google's account chooser; the hd claim is still checked on the way back.
                    context.Response.Redirect(context.RedirectUri + "&hd=" + Uri.EscapeDataString(options.Google.HostedDomain!));
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = RemoteFailure;
            });
        }
    }

    private static void LaxCorrelation(RemoteAuthenticationOptions options)
    {
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        if (options is OpenIdConnectOptions oidc)
        {
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
    }

    // A cancelled or failed sign-in at the provider comes back to the login page with a message, not an exception page.
    private static Task RemoteFailure(RemoteFailureContext context)
    {
        context.Response.Redirect("/account/login?external=failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    /// <summary>What the provider says about the account: which provider, its stable subject, and the address.</summary>
    public sealed record ExternalAccount(string Provider, string ProviderName, string Subject, string? Email, string? Name, string? Refusal);

    public static ExternalAccount Read(string provider, ClaimsPrincipal principal, ExternalSignInOptions options)
    {
        string? Claim(string type) => principal.FindFirst(type)?.Value;
        if (provider == EntraScheme)
        {
            var tenant = Claim("tid");
            var subject = Claim("oid") ?? Claim("sub") ?? "";
            var email = Claim("preferred_username") ?? Claim("email") ?? Claim("upn");
            var refusal = !string.IsNullOrWhiteSpace(options.Entra.TenantId) && !string.Equals(tenant, options.Entra.TenantId, StringComparison.OrdinalIgnoreCase)
                ? "This Microsoft account belongs to another organisation's directory, not your trust's."
                : null;
            return new(provider, "Microsoft", $"{tenant}/{subject}", email, Claim("name"), refusal);
        }

        var googleEmail = Claim(ClaimTypes.Email);
        var googleRefusal =
            !string.Equals(Claim("email_verified"), "true", StringComparison.OrdinalIgnoreCase) ? "Google has not verified this account's e-mail address."
            : !string.Equals(Claim("hd"), options.Google.HostedDomain, StringComparison.OrdinalIgnoreCase) ? "This Google account is not one of your trust's Google Workspace accounts."
            : null;
        return new(provider, "Google", Claim(ClaimTypes.NameIdentifier) ?? "", googleEmail, Claim(ClaimTypes.Name), googleRefusal);
    }
}
