using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// Identity as a broker, as a trust deploys it: no demo trust, no password grant; sign-in with the trust's Microsoft
/// Entra ID (played by <see cref="FakeEntra"/>), everything through the gateway behind an edge on a public origin.
/// The first trust administrator comes from configuration (<c>Identity:TrustAdministrators</c>).
/// </summary>
public sealed class FederatedSignInFixture : IAsyncLifetime
{
    public const string AdminEmail = "it.lead@example-trust.org.uk";
    /// <summary>The administrator's one Entra account: the same object id at every sign-in.</summary>
    public static readonly EntraAccount Admin = new(Guid.NewGuid().ToString(), FakeEntra.TenantId, AdminEmail, "Ivy Lead");
    private readonly Owned _owned = new();

    public string PublicOrigin { get; private set; } = null!;
    public FakeEntra Entra { get; private set; } = null!;
    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var gatewayPort = FreePort.Next();
        var edge = Own(new ChaosProxy("127.0.0.1", gatewayPort));
        PublicOrigin = $"http://localhost:{edge.Port}/";
        Entra = Own(await FakeEntra.StartAsync(PublicOrigin + "account/external/entra/callback"));

        Identity = Own(await IdentityServer.StartAsync(new Dictionary<string, string>
        {
            ["Identity__DemoTrust"] = "false",
            ["Identity__Issuer"] = PublicOrigin,
            ["Identity__PublicOrigin"] = PublicOrigin,
            ["Identity__DashboardRedirectUris__0"] = PublicOrigin + "signin-callback.html",
            ["Identity__DashboardPostLogoutRedirectUris__0"] = PublicOrigin,
            ["Identity__ExternalSignIn__Entra__TenantId"] = FakeEntra.TenantId,
            ["Identity__ExternalSignIn__Entra__ClientId"] = FakeEntra.ClientId,
            ["Identity__ExternalSignIn__Entra__ClientSecret"] = FakeEntra.ClientSecret,
            ["Identity__ExternalSignIn__Entra__Authority"] = Entra.Authority,
            ["Identity__TrustAdministrators__0"] = AdminEmail,
        }));

        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = PublicOrigin,
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
            ["ForwardedHeaders:TrustedProxies:0"] = "127.0.0.1",
        }, listenOn: gatewayPort));
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

public sealed class SignInWithTheTrustsAccounts(FederatedSignInFixture platform) : IClassFixture<FederatedSignInFixture>
{
    private static EntraAccount Account(string upn, string name) => new(Guid.NewGuid().ToString(), FakeEntra.TenantId, upn, name);

    [Fact]
    public async Task an_invited_dsl_signs_in_with_entra_through_the_gateway_and_gets_platform_tokens_with_school_and_role()
    {
        var admin = await SignInAsync(FederatedSignInFixture.Admin);
        var adminToken = new JsonWebToken(admin.AccessToken);
        adminToken.Issuer.ShouldBe(platform.PublicOrigin);
        adminToken.GetClaim("role").Value.ShouldBe("it-admin");
        adminToken.TryGetClaim("school", out _).ShouldBeFalse("the trust administrator is trust-wide");

        var dslEmail = $"d.shah.{Guid.NewGuid():N}"[..20] + "@example-trust.org.uk";
        using var api = Api(admin.AccessToken);
        using var invited = await api.PostAsJsonAsync("api/identity/staff-accounts",
            new { email = dslEmail.ToUpperInvariant(), name = "Dina Shah", school = "141001", roles = new[] { "dsl" } });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());

        var dsl = await SignInAsync(Account(dslEmail, "Dina Shah (Entra)"));

        var access = new JsonWebToken(dsl.AccessToken);
        access.Issuer.ShouldBe(platform.PublicOrigin);
        access.Audiences.ShouldBe(["trustsafety-api"]);
        access.GetClaim("role").Value.ShouldBe("dsl");
        access.GetClaim("school").Value.ShouldBe("141001");
        var id = new JsonWebToken(dsl.IdToken);
        id.GetClaim("name").Value.ShouldBe("Dina Shah", "the name the trust set, not the provider's");
        id.GetClaim("school").Value.ShouldBe("141001");

        // The gateway accepts the brokered token: the DSL reads their school's staff list.
        using var asDsl = Api(dsl.AccessToken);
        var staff = await asDsl.GetFromJsonAsync<JsonElement>("api/identity/staff");
        staff.GetProperty("school").GetString().ShouldBe("141001");
        staff.GetProperty("staff").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldContain("Dina Shah");

        var audit = await api.GetFromJsonAsync<JsonElement>("api/identity/staff-accounts/audit");
        var actions = audit.EnumerateArray().Where(e => e.GetProperty("email").GetString() == dslEmail)
            .Select(e => e.GetProperty("action").GetString()).ToList();
        actions.ShouldBe(["linked", "invited"], ignoreOrder: false);
    }

    [Fact]
    public async Task a_different_entra_account_that_now_carries_a_linked_address_is_refused()
    {
        await SignInAsync(FederatedSignInFixture.Admin);

        var (status, body, _) = await SignInUntilStoppedAsync(Account(FederatedSignInFixture.AdminEmail, "Someone Else"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        body.ShouldContain("linked to a different account");
    }

    [Fact]
    public async Task an_account_the_trust_has_not_invited_gets_a_clear_page_and_no_code()
    {
        var (status, body, location) = await SignInUntilStoppedAsync(Account("stranger@example-trust.org.uk", "Sam Stranger"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        location.ShouldBeNull();
        body.ShouldContain("You do not have access to TrustSafety");
        body.ShouldContain("stranger@example-trust.org.uk");
        body.ShouldNotContain("code=");
    }

    [Fact]
    public async Task when_someone_leaves_their_access_is_removed_and_entra_no_longer_gets_them_in()
    {
        var admin = await SignInAsync(FederatedSignInFixture.Admin);
        using var api = Api(admin.AccessToken);
        var email = $"leaver.{Guid.NewGuid():N}"[..18] + "@example-trust.org.uk";
        using var invited = await api.PostAsJsonAsync("api/identity/staff-accounts",
            new { email, name = "Lee Leaver", school = "141002", roles = new[] { "staff" } });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        var account = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var leaver = Account(email, "Lee Leaver");
        var before = await SignInAsync(leaver);
        new JsonWebToken(before.AccessToken).GetClaim("school").Value.ShouldBe("141002");

        var list = await api.GetFromJsonAsync<JsonElement>("api/identity/staff-accounts?school=141002");
        var version = list.EnumerateArray().Single(a => a.GetProperty("email").GetString() == email).GetProperty("version").GetInt32();
        using var removal = new HttpRequestMessage(HttpMethod.Post, $"api/identity/staff-accounts/{account.GetProperty("id").GetGuid()}/removal")
        {
            Content = JsonContent.Create(new { reason = "left the school" }),
        };
        removal.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        using var removed = await api.SendAsync(removal);
        removed.StatusCode.ShouldBe(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());

        var (status, body, _) = await SignInUntilStoppedAsync(leaver);
        status.ShouldBe(HttpStatusCode.Forbidden);
        body.ShouldContain("You do not have access to TrustSafety");

        using var refresh = Browser();
        using var refreshed = await refresh.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "trustsafety-dashboard", ["refresh_token"] = before.RefreshToken,
        }));
        refreshed.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a removed person's refresh token must not work");
    }

    private HttpClient Browser() => BrokeredSignIn.Browser(platform.PublicOrigin);

    private HttpClient Api(string accessToken) => BrokeredSignIn.Api(platform.PublicOrigin, accessToken);

    /// <summary>The dashboard's authorization code flow, with the person choosing "Sign in with Microsoft" on the login page.</summary>
    private Task<BrokeredSignIn.Tokens> SignInAsync(EntraAccount account)
    {
        platform.Entra.NextAccount = account;
        return BrokeredSignIn.SignInAsync(platform.PublicOrigin, "entra");
    }

    /// <summary>Follows redirects as a browser would until the dashboard's callback (returned, not followed) or a page.</summary>
    private Task<(HttpStatusCode Status, string Body, Uri? DashboardCallback)> SignInUntilStoppedAsync(EntraAccount account)
    {
        platform.Entra.NextAccount = account;
        return BrokeredSignIn.UntilStoppedAsync(platform.PublicOrigin, "entra");
    }
}

/// <summary>
/// The dashboard's sign-in through identity as a broker, as a browser does it: the authorization code flow with PKCE,
/// the login page's "Sign in with your … school account" link for one provider, every redirect followed by hand.
/// </summary>
public static partial class BrokeredSignIn
{
    // RFC 7636's example pair.
    private const string CodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private const string CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    public sealed record Tokens(string AccessToken, string IdToken, string RefreshToken);

    public static HttpClient Browser(string origin) => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(origin),
        Timeout = TimeSpan.FromSeconds(90), // a generous deadline: the first sign-in warms identity, the provider and the gateway on a loaded machine
    };

    public static HttpClient Api(string origin, string accessToken)
    {
        var client = new HttpClient { BaseAddress = new Uri(origin), Timeout = TimeSpan.FromSeconds(90) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<Tokens> SignInAsync(string origin, string provider)
    {
        using var browser = Browser(origin);
        var (status, body, location) = await UntilStoppedAsync(origin, provider, browser);
        location.ShouldNotBeNull($"sign-in stopped at {(int)status}: {body}");
        location.GetLeftPart(UriPartial.Path).ShouldBe(origin + "signin-callback.html");
        var code = QueryHelpers.ParseQuery(location.Query)["code"].ToString();

        using var exchange = await browser.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "trustsafety-dashboard", ["code"] = code,
            ["redirect_uri"] = origin + "signin-callback.html", ["code_verifier"] = CodeVerifier,
        }));
        var tokens = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK, tokens.ToString());
        return new Tokens(tokens.GetProperty("access_token").GetString()!, tokens.GetProperty("id_token").GetString()!,
            tokens.GetProperty("refresh_token").GetString()!);
    }

    public static async Task<(HttpStatusCode Status, string Body, Uri? DashboardCallback)> UntilStoppedAsync(string origin, string provider,
        HttpClient? browser = null)
    {
        var own = browser is null;
        browser ??= Browser(origin);
        try
        {
            var authorize = "connect/authorize" + QueryString(new()
            {
                ["client_id"] = "trustsafety-dashboard", ["response_type"] = "code", ["scope"] = "openid profile roles school api offline_access",
                ["redirect_uri"] = origin + "signin-callback.html", ["code_challenge"] = CodeChallenge,
                ["code_challenge_method"] = "S256", ["state"] = "s-" + Guid.NewGuid().ToString("N"),
            });
            using var loginRedirect = await browser.GetAsync(authorize);
            loginRedirect.StatusCode.ShouldBe(HttpStatusCode.Redirect, await loginRedirect.Content.ReadAsStringAsync());
            var loginPage = await browser.GetStringAsync(loginRedirect.Headers.Location);
            var link = ProviderLink().Matches(loginPage).FirstOrDefault(m => m.Groups[1].Value == provider);
            link.ShouldNotBeNull($"the login page offers 'Sign in with your {provider} school account': " + loginPage);

            var next = new Uri(new Uri(origin), WebUtility.HtmlDecode(link.Groups[2].Value));
            for (var hops = 0; hops < 12; hops++)
            {
                using var response = await browser.GetAsync(next);
                if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther))
                    return (response.StatusCode, await response.Content.ReadAsStringAsync(), null);
                next = new Uri(next, response.Headers.Location!);
                if (next.AbsoluteUri.StartsWith(origin + "signin-callback.html", StringComparison.Ordinal))
                    return (response.StatusCode, "", next);
            }
            throw new InvalidOperationException("More than 12 redirects: the sign-in loops.");
        }
        finally
        {
            if (own) browser.Dispose();
        }
    }

    private static string QueryString(Dictionary<string, string?> values) => Microsoft.AspNetCore.Http.QueryString.Create(values).ToString();

    [GeneratedRegex("id=\"sign-in-([a-z]+)\" href=\"([^\"]+)\"")]
    private static partial Regex ProviderLink();
}
