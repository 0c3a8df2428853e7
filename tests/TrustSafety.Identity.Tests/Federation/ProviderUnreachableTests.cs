using System.Net;
using System.Net.Sockets;

namespace TrustSafety.Identity.Tests.Federation;

/// <summary>Identity with Entra ID sign-in configured at an authority nothing answers on (a closed loopback port).</summary>
public sealed class UnreachableEntraFixture : IdentityProviderFixture
{
    private static readonly int ClosedPort = FreePort();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("Identity:ExternalSignIn:Entra:TenantId", "00000000-0000-0000-0000-000000000001");
        yield return new("Identity:ExternalSignIn:Entra:ClientId", "trustsafety-test");
        yield return new("Identity:ExternalSignIn:Entra:ClientSecret", "test-only-entra-client-secret");
        yield return new("Identity:ExternalSignIn:Entra:Authority", $"http://127.0.0.1:{ClosedPort}/tenant/v2.0");
    }

    // A port that was free a moment ago and that nothing listens on: connecting to it is refused at once.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// When the trust's sign-in provider cannot be reached (its metadata cannot be read: network, DNS, a slow answer under
/// load), "Sign in with your Microsoft school account" brings the person back to the sign-in page with a message, not a
/// bare 500.
/// </summary>
public sealed class ProviderUnreachableTests(UnreachableEntraFixture fixture) : IClassFixture<UnreachableEntraFixture>
{
    [Fact]
    public async Task starting_a_sign_in_at_a_provider_that_cannot_be_reached_returns_to_the_sign_in_page_with_a_message()
    {
        using var browser = fixture.CreateBrowser();

        using var started = await browser.GetAsync("/account/external/entra?returnUrl=%2Fdashboard%2F");

        started.StatusCode.ShouldBe(HttpStatusCode.Redirect, await started.Content.ReadAsStringAsync());
        var location = started.Headers.Location.ShouldNotBeNull().OriginalString;
        location.ShouldBe("/account/login?external=unavailable&ReturnUrl=%2Fdashboard%2F");
        var page = await browser.GetStringAsync(location);
        page.ShouldContain("sign-in service could not be reached just now");
        page.ShouldContain("id=\"sign-in-entra\"");
    }
}
