using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;

namespace TrustSafety.Identity.Tests.Configuration;

/// <summary>An environment's redirect URIs as its only ones, as the production overlay sets them (one entry each).</summary>
public sealed class PublicRedirectsFixture : IdentityProviderFixture
{
    public const string Callback = "https://safety.test/signin-callback.html";

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Identity:DashboardRedirectUris:0", Callback),
        new("Identity:DashboardPostLogoutRedirectUris:0", "https://safety.test/"),
    ];
}

/// <summary>
/// Configuration arrays merge by index, so localhost entries in appsettings.json would survive an environment that
/// sets only entry 0. appsettings.json has none; the localhost defaults apply only when nothing is configured.
/// </summary>
public sealed class RedirectUrisPerEnvironmentTests(PublicRedirectsFixture identity) : IClassFixture<PublicRedirectsFixture>
{
    [Fact]
    public void the_configured_redirect_uris_replace_the_local_ones()
    {
        var options = identity.Host.Services.GetRequiredService<IOptions<IdentityProviderOptions>>().Value;

        options.DashboardRedirectUris.ShouldBe([new Uri(PublicRedirectsFixture.Callback)]);
        options.DashboardPostLogoutRedirectUris.ShouldBe([new Uri("https://safety.test/")]);
    }

    [Theory]
    [InlineData("http://localhost:5080/signin-callback.html")]
    [InlineData("http://127.0.0.1:5080/signin-callback.html")]
    public async Task a_local_redirect_uri_is_refused_and_the_configured_one_is_accepted(string local)
    {
        using var browser = identity.CreateBrowser();

        using var refused = await browser.GetAsync(Authorize(local));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var accepted = await browser.GetAsync(Authorize(PublicRedirectsFixture.Callback));
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.AbsolutePath.ShouldBe("/account/login");
    }

    private static string Authorize(string redirectUri) => "/connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(
        new Dictionary<string, string?>
        {
            ["client_id"] = "trustsafety-dashboard", ["response_type"] = "code", ["scope"] = "openid api",
            ["redirect_uri"] = redirectUri, ["state"] = "s",
            ["code_challenge"] = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", ["code_challenge_method"] = "S256",
        });
}
