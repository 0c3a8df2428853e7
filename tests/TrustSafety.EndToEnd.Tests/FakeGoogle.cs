using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>A Google Workspace account as Google's userinfo endpoint (v3) describes it.</summary>
public sealed record GoogleAccount(string Subject, string Email, string Name, string? HostedDomain, bool EmailVerified = true);

/// <summary>
/// A stand-in for Google's OAuth 2.0 endpoints on loopback, speaking what the ASP.NET Core Google handler sends and
/// reads: the authorization endpoint (client id, redirect URI, state, PKCE S256 challenge), the token endpoint (client
/// secret and code verifier checked) and the v3 userinfo endpoint (<c>sub</c>, <c>email</c>, <c>email_verified</c>,
/// <c>hd</c>, <c>name</c>). No login form: whoever the test puts in <see cref="NextAccount"/> has just chosen their account.
/// </summary>
public sealed class FakeGoogle : IAsyncDisposable
{
    public const string ClientId = "123456789012-trustsafety.apps.googleusercontent.com";
    public const string ClientSecret = "GOCSPX-google-test-client-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (GoogleAccount Account, string Challenge, string RedirectUri)> _codes = new();
    private readonly ConcurrentDictionary<string, GoogleAccount> _accessTokens = new();

    private FakeGoogle(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    public string Origin { get; }
    public string AuthorizationEndpoint => Origin + "o/oauth2/v2/auth";
    public string TokenEndpoint => Origin + "token";
    public string UserInformationEndpoint => Origin + "oauth2/v3/userinfo";

    public GoogleAccount? NextAccount { get; set; }

    /// <summary>The <c>hd</c> hint the handler sent with the last authorization request (Google's account chooser filter).</summary>
    public string? LastHostedDomainHint { get; private set; }

    public static async Task<FakeGoogle> StartAsync(string redirectUri)
    {
        var origin = $"http://127.0.0.1:{FreePort.Next()}/";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(origin);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var google = new FakeGoogle(app, origin);
        app.MapGet("/o/oauth2/v2/auth", (HttpRequest request) => google.Authorize(request, redirectUri));
        app.MapPost("/token", google.TokenAsync);
        app.MapGet("/oauth2/v3/userinfo", google.UserInfo);
        await app.StartAsync();
        return google;
    }

    private IResult Authorize(HttpRequest request, string registeredRedirectUri)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId) return Results.BadRequest("invalid_client");
        if (q["redirect_uri"] != registeredRedirectUri) return Results.BadRequest("redirect_uri_mismatch");
        if (q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]))
            return Results.BadRequest("invalid_request: the code flow with PKCE S256 is expected");
        var account = NextAccount ?? throw new InvalidOperationException("The test chose no Google account.");
        LastHostedDomainHint = q["hd"];
        var code = "4/" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _codes[code] = (account, q["code_challenge"]!, q["redirect_uri"]!);
        return Results.Redirect(QueryHelpers.AddQueryString(q["redirect_uri"]!, new Dictionary<string, string?>
        {
            ["state"] = q["state"], ["code"] = code, ["scope"] = q["scope"],
        }));
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var issued))
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != issued.Challenge || form["redirect_uri"] != issued.RedirectUri)
            return Results.Json(new { error = "invalid_grant", error_description = "PKCE verifier or redirect URI does not match" }, statusCode: 400);
        var accessToken = "ya29." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _accessTokens[accessToken] = issued.Account;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 3599, scope = "openid profile email" });
    }

    private IResult UserInfo(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(header["Bearer ".Length..], out var account))
            return Results.Unauthorized();
        var info = new Dictionary<string, object?>
        {
            ["sub"] = account.Subject, ["name"] = account.Name, ["email"] = account.Email, ["email_verified"] = account.EmailVerified,
        };
        if (account.HostedDomain is not null) info["hd"] = account.HostedDomain;
        return Results.Json(info);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
