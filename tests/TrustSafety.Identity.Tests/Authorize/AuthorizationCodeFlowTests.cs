using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustSafety.Identity.Tests.Authorize;

public sealed partial class AuthorizationCodeFlowTests(IdentityProviderFixture identity) : IClassFixture<IdentityProviderFixture>
{
    private const string CodeVerifier = "a-long-random-code-verifier-for-the-dashboard-0123456789abcdef";

    [Fact]
    public async Task the_dashboard_signs_a_person_in_through_the_login_form_with_pkce()
    {
        using var browser = identity.CreateBrowser();

        using var authorize = await browser.GetAsync(AuthorizeUrl(state: "state-1"));
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var loginUrl = authorize.Headers.Location!.PathAndQuery;
        loginUrl.ShouldStartWith("/account/login?ReturnUrl=", Case.Insensitive);

        using var loginPage = await browser.GetAsync(loginUrl);
        loginPage.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = await FormFieldsAsync(loginPage);

        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["returnUrl"] = form["returnUrl"],
            ["userName"] = "deputy.caldecote",
            ["password"] = "demo-password",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var backToAuthorize = login.Headers.Location!.ToString();
        backToAuthorize.ShouldStartWith("/connect/authorize?");

        using var issued = await browser.GetAsync(backToAuthorize);
        issued.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var callback = issued.Headers.Location!;
        callback.GetLeftPart(UriPartial.Path).ShouldBe(IdentityProviderFixture.DashboardRedirectUri);
        var query = QueryHelpers.ParseQuery(callback.Query);
        query["state"].ToString().ShouldBe("state-1");

        using var exchange = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "trustsafety-dashboard",
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = IdentityProviderFixture.DashboardRedirectUri,
            ["code_verifier"] = CodeVerifier,
        }));
        var tokens = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK, tokens.ToString());

        var accessToken = new JsonWebToken(tokens.GetProperty("access_token").GetString());
        accessToken.Issuer.ShouldBe(IdentityProviderFixture.Issuer);
        accessToken.Audiences.ShouldBe(["trustsafety-api"]);
        accessToken.GetClaim("role").Value.ShouldBe("deputy-dsl");
        accessToken.GetClaim("school").Value.ShouldBe("141002");

        var idToken = new JsonWebToken(tokens.GetProperty("id_token").GetString());
        idToken.GetClaim("name").Value.ShouldBe("Deputy DSL, Caldecote Primary");
        idToken.GetClaim("school").Value.ShouldBe("141002");
    }

    [Fact]
    public async Task a_code_cannot_be_exchanged_without_the_matching_code_verifier()
    {
        using var browser = identity.CreateBrowser();
        var code = await SignInAndGetCodeAsync(browser, "dsl.caldecote");

        using var exchange = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = "trustsafety-dashboard",
            ["code"] = code,
            ["redirect_uri"] = IdentityProviderFixture.DashboardRedirectUri,
            ["code_verifier"] = "some-other-verifier-that-does-not-match-the-challenge-000000",
        }));

        exchange.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await exchange.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task the_authorize_endpoint_refuses_a_request_without_pkce()
    {
        using var browser = identity.CreateBrowser();

        using var response = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "trustsafety-dashboard",
            ["response_type"] = "code",
            ["redirect_uri"] = IdentityProviderFixture.DashboardRedirectUri,
            ["scope"] = "openid api",
        }));

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (response.Headers.Location?.ToString() ?? string.Empty).ShouldNotContain("code=");
    }

    [Fact]
    public async Task a_wrong_password_on_the_login_form_shows_the_form_again_with_an_error()
    {
        using var browser = identity.CreateBrowser();
        using var loginPage = await browser.GetAsync("/account/login?ReturnUrl=%2F");
        var form = await FormFieldsAsync(loginPage);

        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["returnUrl"] = "/",
            ["userName"] = "dsl.blakehill",
            ["password"] = "not-the-password",
        }));

        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await login.Content.ReadAsStringAsync();
        html.ShouldContain("The user name or password is not correct.");
        html.ShouldContain("value=\"dsl.blakehill\"");
    }

    [Fact]
    public async Task the_login_form_rejects_a_post_without_the_antiforgery_token()
    {
        using var browser = identity.CreateBrowser();

        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["returnUrl"] = "/",
            ["userName"] = "dsl.blakehill",
            ["password"] = "demo-password",
        }));

        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        login.Headers.Contains("Set-Cookie").ShouldBeFalse();
    }

    [Fact]
    public async Task the_login_form_does_not_redirect_off_site()
    {
        using var browser = identity.CreateBrowser();
        using var loginPage = await browser.GetAsync("/account/login");
        var form = await FormFieldsAsync(loginPage);

        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["returnUrl"] = "//evil.example/steal",
            ["userName"] = "dsl.blakehill",
            ["password"] = "demo-password",
        }));

        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task logout_ends_the_session_and_returns_to_the_dashboard()
    {
        using var browser = identity.CreateBrowser();
        await SignInAndGetCodeAsync(browser, "governor.blakehill");

        using var logout = await browser.GetAsync(QueryHelpers.AddQueryString("/connect/logout", new Dictionary<string, string?>
        {
            ["client_id"] = "trustsafety-dashboard",
            ["post_logout_redirect_uri"] = "http://127.0.0.1:5080/",
        }));
        logout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        logout.Headers.Location!.ToString().ShouldBe("http://127.0.0.1:5080/");

        using var authorizeAgain = await browser.GetAsync(AuthorizeUrl(state: "after-logout"));
        authorizeAgain.Headers.Location!.PathAndQuery.ShouldStartWith("/account/login", Case.Insensitive);
    }

    private static async Task<string> SignInAndGetCodeAsync(HttpClient browser, string userName)
    {
        using var authorize = await browser.GetAsync(AuthorizeUrl(state: "s"));
        using var loginPage = await browser.GetAsync(authorize.Headers.Location!.PathAndQuery);
        var form = await FormFieldsAsync(loginPage);
        using var login = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form["__RequestVerificationToken"],
            ["returnUrl"] = form["returnUrl"],
            ["userName"] = userName,
            ["password"] = "demo-password",
        }));
        using var issued = await browser.GetAsync(login.Headers.Location!.ToString());
        return QueryHelpers.ParseQuery(issued.Headers.Location!.Query)["code"].ToString();
    }

    private static string AuthorizeUrl(string state) =>
        QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = "trustsafety-dashboard",
            ["response_type"] = "code",
            ["redirect_uri"] = IdentityProviderFixture.DashboardRedirectUri,
            ["scope"] = "openid profile roles school api",
            ["state"] = state,
            ["code_challenge"] = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier))),
            ["code_challenge_method"] = "S256",
        });

    private static async Task<Dictionary<string, string>> FormFieldsAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        return HiddenInput().Matches(html).ToDictionary(
            m => m.Groups["name"].Value,
            m => WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
