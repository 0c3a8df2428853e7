namespace TrustSafety.Dashboard.Tests;

/// <summary>A fresh browser context (no shared cookies or storage) signed in through the real login page.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 900 };
    public static readonly ViewportSize Tablet = new() { Width = 820, Height = 1180 };

    // Playwright's assertions poll until they hold; their default of 5 s is shorter than a view takes to load on a CI
    // machine running every test project at once on two cores (seen: a view still busy after 5 s at load average 60).
    // A passing assertion returns as soon as it holds, so the longer bound only delays a real failure.
    static BrowserSession() => Assertions.SetDefaultExpectTimeout(20_000);

    private readonly IBrowserContext _context;
    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") _problems.Add(message.Text); };
        page.PageError += (_, error) => _problems.Add(error);
    }

    public IPage Page { get; }

    public static async Task<BrowserSession> OpenAsync(DashboardFixture fixture, ViewportSize? viewport = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Gateway.Address.ToString(),
            ViewportSize = viewport ?? Laptop,
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        return new BrowserSession(context, await context.NewPageAsync());
    }

    public static async Task<BrowserSession> SignInAsync(DashboardFixture fixture, string user, ViewportSize? viewport = null)
    {
        var session = await OpenAsync(fixture, viewport);
        var page = session.Page;
        await page.GotoAsync("/");
        // The redirect waits on the identity provider's discovery document: on a loaded CI machine (every test project
        // at once on two cores) that has taken over 20 s, so this step gets a longer upper bound. When the page says it
        // could not reach the sign-in service (and enables the button again), the user is told to try again: so does the test.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
        await signIn.ClickAsync();
        while (true)
        {
            try
            {
                await page.WaitForURLAsync("**/account/login**", new() { Timeout = 10_000 });
                break;
            }
            catch (TimeoutException) when (DateTimeOffset.UtcNow < deadline)
            {
                try
                {
                    if (await page.Locator("#sign-in-status.error").CountAsync() > 0 && await signIn.IsEnabledAsync()) await signIn.ClickAsync();
                }
                catch (PlaywrightException)
                {
                    // The page is navigating away to the sign-in page: the next wait sees it.
                }
            }
        }
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(IdentityServer.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/" && url.Contains("#/"));
        await Assertions.Expect(page.Locator("#nav")).ToBeVisibleAsync();
        return session;
    }

    public async Task GoAsync(string hash)
    {
        // Empty main first, so the wait below cannot be satisfied by the view being left.
        await Page.EvaluateAsync("""
            h => {
              document.getElementById('main').replaceChildren();
              if (window.location.hash === h) window.dispatchEvent(new HashChangeEvent('hashchange'));
              else window.location.hash = h;
            }
            """, hash);
        await Assertions.Expect(Page.Locator("main h1").First).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("main [aria-busy=true]")).ToHaveCountAsync(0);
        await Assertions.Expect(Page.Locator("main .state.loading")).ToHaveCountAsync(0);
    }

    public async Task<IReadOnlyList<string>> NavLinksAsync() => await Page.Locator("#nav a").AllInnerTextsAsync();

    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder(), name + ".png"), FullPage = true });
    }

    /// <summary>Screenshots are test output: tests/TrustSafety.Dashboard.Tests/TestResults/screenshots.</summary>
    private static string ScreenshotFolder()
    {
        var folder = Repository.PathOf("tests", "TrustSafety.Dashboard.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>No script error and no Content-Security-Policy violation happened on the page.</summary>
    public void ShouldHaveNoScriptErrors() =>
        _problems.Where(p => !p.Contains("Failed to load resource", StringComparison.Ordinal)).ShouldBeEmpty();

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
