using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// Identity as a broker for a trust on Google Workspace: no demo trust, no password grant; sign-in with the ASP.NET Core
/// Google handler against <see cref="FakeGoogle"/>, everything through the gateway behind an edge on a public origin.
/// </summary>
public sealed class GoogleSignInFixture : IAsyncLifetime
{
    public const string Domain = "example-academies.org.uk";
    public const string AdminEmail = "it.lead@" + Domain;
    public static readonly GoogleAccount Admin = new("1" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999), AdminEmail, "Ivy Lead", Domain);
    private readonly Owned _owned = new();

    public string PublicOrigin { get; private set; } = null!;
    public FakeGoogle Google { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var gatewayPort = FreePort.Next();
        var edge = Own(new ChaosProxy("127.0.0.1", gatewayPort));
        PublicOrigin = $"http://localhost:{edge.Port}/";
        Google = Own(await FakeGoogle.StartAsync(PublicOrigin + "account/external/google/callback"));

        var identity = Own(await IdentityServer.StartAsync(new Dictionary<string, string>
        {
            ["Identity__DemoTrust"] = "false",
            ["Identity__Issuer"] = PublicOrigin,
            ["Identity__PublicOrigin"] = PublicOrigin,
            ["Identity__DashboardRedirectUris__0"] = PublicOrigin + "signin-callback.html",
            ["Identity__DashboardPostLogoutRedirectUris__0"] = PublicOrigin,
            ["Identity__ExternalSignIn__Google__ClientId"] = FakeGoogle.ClientId,
            ["Identity__ExternalSignIn__Google__ClientSecret"] = FakeGoogle.ClientSecret,
            ["Identity__ExternalSignIn__Google__HostedDomain"] = Domain,
            ["Identity__ExternalSignIn__Google__AuthorizationEndpoint"] = Google.AuthorizationEndpoint,
            ["Identity__ExternalSignIn__Google__TokenEndpoint"] = Google.TokenEndpoint,
            ["Identity__ExternalSignIn__Google__UserInformationEndpoint"] = Google.UserInformationEndpoint,
            ["Identity__TrustAdministrators__0"] = AdminEmail,
        }));

        Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = PublicOrigin,
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = identity.Issuer,
            ["ForwardedHeaders:TrustedProxies:0"] = "127.0.0.1",
        }, listenOn: gatewayPort));
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        await _owned.DisposeAsync();
    }
}

public sealed class SignInWithGoogleWorkspace(GoogleSignInFixture platform) : IClassFixture<GoogleSignInFixture>
{
    private static GoogleAccount Account(string email, string name, string? domain = GoogleSignInFixture.Domain, bool verified = true) =>
        new(Random.Shared.NextInt64(100_000_000_000, 999_999_999_999).ToString(), email, name, domain, verified);

    private Task<BrokeredSignIn.Tokens> SignInAsync(GoogleAccount account)
    {
        platform.Google.NextAccount = account;
        return BrokeredSignIn.SignInAsync(platform.PublicOrigin, "google");
    }

    private Task<(HttpStatusCode Status, string Body, Uri? DashboardCallback)> SignInUntilStoppedAsync(GoogleAccount account)
    {
        platform.Google.NextAccount = account;
        return BrokeredSignIn.UntilStoppedAsync(platform.PublicOrigin, "google");
    }

    [Fact]
    public async Task an_invited_dsl_signs_in_with_google_workspace_through_the_gateway_and_gets_platform_tokens_with_school_and_role()
    {
        var admin = await SignInAsync(GoogleSignInFixture.Admin);
        platform.Google.LastHostedDomainHint.ShouldBe(GoogleSignInFixture.Domain, "Google's account chooser is asked for the trust's domain");
        var adminToken = new JsonWebToken(admin.AccessToken);
        adminToken.Issuer.ShouldBe(platform.PublicOrigin);
        adminToken.GetClaim("role").Value.ShouldBe("it-admin");

        var dslEmail = $"r.okafor.{Guid.NewGuid():N}"[..20] + "@" + GoogleSignInFixture.Domain;
        using var api = BrokeredSignIn.Api(platform.PublicOrigin, admin.AccessToken);
        using var invited = await api.PostAsJsonAsync("api/identity/staff-accounts",
            new { email = dslEmail, name = "Ruth Okafor", school = "141003", roles = new[] { "dsl" } });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());

        var dsl = await SignInAsync(Account(dslEmail, "Ruth O. (Google)"));

        var access = new JsonWebToken(dsl.AccessToken);
        access.Issuer.ShouldBe(platform.PublicOrigin);
        access.GetClaim("role").Value.ShouldBe("dsl");
        access.GetClaim("school").Value.ShouldBe("141003");
        new JsonWebToken(dsl.IdToken).GetClaim("name").Value.ShouldBe("Ruth Okafor", "the name the trust set, not Google's");

        using var asDsl = BrokeredSignIn.Api(platform.PublicOrigin, dsl.AccessToken);
        var staff = await asDsl.GetFromJsonAsync<JsonElement>("api/identity/staff");
        staff.GetProperty("school").GetString().ShouldBe("141003");
    }

    [Fact]
    public async Task a_google_account_outside_the_trusts_workspace_domain_is_refused_even_with_an_invited_address()
    {
        // A personal Gmail account (no hd) carrying the administrator's address must not get in as the administrator.
        var (status, body, location) = await SignInUntilStoppedAsync(Account(GoogleSignInFixture.AdminEmail, "Not Ivy", domain: null));

        status.ShouldBe(HttpStatusCode.Forbidden);
        location.ShouldBeNull();
        body.ShouldContain("not one of your trust");
        body.ShouldNotContain("code=");
    }

    [Fact]
    public async Task a_google_account_whose_address_google_has_not_verified_is_refused()
    {
        var (status, body, location) = await SignInUntilStoppedAsync(Account(GoogleSignInFixture.AdminEmail, "Ivy Lead", verified: false));

        status.ShouldBe(HttpStatusCode.Forbidden);
        location.ShouldBeNull();
        body.ShouldContain("not verified");
    }
}
