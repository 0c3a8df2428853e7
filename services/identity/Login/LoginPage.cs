using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustSafety.Identity.Login;

internal static class LoginPage
{
    public static ContentHttpResult Render(AntiforgeryTokenSet tokens, string? userName, string returnUrl, string? error, int statusCode = StatusCodes.Status200OK,
        bool demoTrust = false, IReadOnlyList<(string Scheme, string DisplayName)>? external = null)
    {
        var externalBlock = external is { Count: > 0 }
            ? $"""<div class="external">{string.Concat(external.Select(p =>
                $"""<a class="provider" id="sign-in-{p.Scheme}" href="/account/external/{p.Scheme}?returnUrl={Uri.EscapeDataString(returnUrl)}">Sign in with your {Encode(p.DisplayName)} school account</a>"""))}</div>"""
            : string.Empty;
        var formHeading = external is { Count: > 0 } && demoTrust ? """<p class="hint">Or with a demo account:</p>""" : string.Empty;
        var demoHint = demoTrust
            ? """<p class="hint">Demo accounts such as <code>dsl.blakehill</code> or <code>trust.lead</code> use the password <code>demo-password</code>.</p>"""
            : string.Empty;
        var errorBlock = error is null
            ? string.Empty
            : $"""<p class="error" role="alert" id="login-error">{Encode(error)}</p>""";
        var describedBy = error is null ? string.Empty : """ aria-describedby="login-error" aria-invalid="true" """;

        var html = $$"""
            <!doctype html>
            <html lang="en-GB">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in – TrustSafety</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 0; background: #f3f2f1; color: #0b0c0c; }
                main { max-width: 24rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 4px; }
                h1 { font-size: 1.5rem; margin-top: 0; }
                label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
                input[type=text], input[type=password] { width: 100%; box-sizing: border-box; padding: .5rem; font-size: 1rem; border: 2px solid #0b0c0c; }
                input:focus, button:focus { outline: 3px solid #fd0; outline-offset: 0; }
                button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; background: #00703c; color: #fff; border: 0; cursor: pointer; }
                .error { color: #d4351c; font-weight: 600; }
                .hint { color: #505a5f; font-size: .9rem; }
                .provider { display: block; margin: .5rem 0; padding: .6rem 1rem; border: 2px solid #0b0c0c; color: #0b0c0c; text-decoration: none; font-weight: 600; }
                .provider:focus { outline: 3px solid #fd0; }
              </style>
            </head>
            <body>
              <main>
                <h1>Sign in to TrustSafety</h1>
                {{errorBlock}}
                {{externalBlock}}
                {{formHeading}}
                <form method="post" action="{{IdpSession.LoginPath}}">
                  <input type="hidden" name="{{Encode(tokens.FormFieldName)}}" value="{{Encode(tokens.RequestToken ?? string.Empty)}}">
                  <input type="hidden" name="returnUrl" value="{{Encode(returnUrl)}}">
                  <label for="username">User name</label>
                  <input type="text" id="username" name="userName" autocomplete="username" required autofocus value="{{Encode(userName ?? string.Empty)}}"{{describedBy}}>
                  <label for="password">Password</label>
                  <input type="password" id="password" name="password" autocomplete="current-password" required{{describedBy}}>
                  <button type="submit">Sign in</button>
                </form>
                {{demoHint}}
              </main>
            </body>
            </html>
            """;

        return TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
