using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Demo;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Tests.Demo;

/// <summary>
/// Identity configured as the Kubernetes production overlay configures it: the identity ConfigMap of k8s/base with the
/// production overlay's patch over it. Only what a test host cannot take as is (database, key files) is its own.
/// </summary>
public sealed class ProductionIdentityFixture : IdentityProviderFixture
{
    public static IReadOnlyDictionary<string, string> OverlaySettings() =>
        new[] { "k8s/base/identity/identity-config.yaml", "k8s/overlays/production/identity-config.yaml" }
            .SelectMany(f => ConfigMapData(Path.Combine(RepositoryRoot(), f)))
            .GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        // The demo switch comes only from the overlay: absent there means the service's own default.
        yield return new("Identity:DemoTrust", null);
        foreach (var (key, value) in OverlaySettings().Where(kv => kv.Key.StartsWith("Identity__", StringComparison.Ordinal)))
            yield return new(key.Replace("__", ":"), value);
        // Secrets come from Kubernetes Secrets in production (identity.yaml); a test value stands in.
        yield return new("Identity:ServiceClients:0:ClientSecret", "test-only-" + new string('s', 40));
        // The Entra registration's client secret too (Secret identity-external-sign-in, overlay patch identity-external-sign-in.yaml).
        yield return new("Identity:ExternalSignIn:Entra:ClientSecret", "test-only-entra-client-secret");
    }

    /// <summary>The <c>data:</c> of a ConfigMap file: <c>  Key: value</c> lines (quotes removed, comments skipped).</summary>
    private static IEnumerable<KeyValuePair<string, string>> ConfigMapData(string file)
    {
        var inData = false;
        foreach (var line in File.ReadAllLines(file))
        {
            if (line.StartsWith("data:", StringComparison.Ordinal)) { inData = true; continue; }
            if (!inData || line.TrimStart().StartsWith('#') || line.Trim().Length == 0) continue;
            if (!line.StartsWith("  ", StringComparison.Ordinal)) { inData = false; continue; }
            var colon = line.IndexOf(':');
            yield return new(line[..colon].Trim(), line[(colon + 1)..].Trim().Trim('"'));
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("TrustSafety.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Demo accounts only in the demo (issue 17, point 10).</summary>
public sealed class DemoTrustTests(ProductionIdentityFixture production) : IClassFixture<ProductionIdentityFixture>
{
    [Fact]
    public void the_demo_trust_is_off_unless_configured_and_the_production_overlay_says_so_explicitly()
    {
        new IdentityProviderOptions().DemoTrust.ShouldBeFalse();
        ProductionIdentityFixture.OverlaySettings().ShouldContainKeyAndValue("Identity__DemoTrust", "false");
    }

    [Fact]
    public void production_configuration_has_no_demo_users()
    {
        production.Host.Services.GetRequiredService<DemoUsers>().All.ShouldBeEmpty();
        production.Host.Services.GetRequiredService<DemoUsers>().Authenticate("dsl.blakehill", DemoUsers.DemoPassword).ShouldBeNull();
    }

    [Fact]
    public async Task production_configuration_offers_no_password_grant()
    {
        using var client = production.Host.CreateClient();
        var discovery = await client.GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        grants.ShouldContain("authorization_code");
        grants.ShouldNotContain("password");

        using var response = await production.PasswordGrantAsync("dsl.blakehill", DemoUsers.DemoPassword);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.TryGetProperty("access_token", out _).ShouldBeFalse();
        body.GetProperty("error").GetString().ShouldBeOneOf("unsupported_grant_type", "invalid_client", "unauthorized_client");
    }

    [Fact]
    public async Task production_sign_in_page_neither_hints_at_nor_accepts_the_demo_password()
    {
        using var browser = production.CreateBrowser();
        var form = await browser.GetStringAsync("/account/login");
        form.ShouldNotContain("demo-password");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();

        using var answer = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = "trust.lead", ["password"] = DemoUsers.DemoPassword, ["returnUrl"] = "/",
        }));
        answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var cookies = answer.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        cookies.ShouldNotContain(c => c.StartsWith("trustsafety.idp="), "no sign-in session for a demo account");
    }
}
