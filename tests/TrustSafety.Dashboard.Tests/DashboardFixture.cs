using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace TrustSafety.Dashboard.Tests;

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

/// <summary>
/// The platform as the browser meets it: identity (own process, redirect URI on this gateway's port), incident,
/// reporting, consent, device-register and filtering-ingest on loopback ports behind the real gateway serving the
/// dashboard, a few incidents and an ingest source seeded through the API, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string BlakehillPupil = "P-DASH-7001";
    public const string CaldecoteMarker = "Caldecote only: a message in the Year 5 chat";
    private readonly Owned _owned = new();

    public IdentityServer Identity { get; private set; } = null!;
    public ServiceHost<TrustSafety.Gateway.EntryPoint> Gateway { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Guid BlakehillIncident { get; private set; }
    public Guid BlakehillSourceId { get; private set; }
    public string SourceName { get; } = "Blakehill FortiGate " + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Each service's own address (not through the gateway), e.g. for its OpenAPI document.</summary>
    public Dictionary<string, Uri> Services { get; } = [];

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. The browser tests drive Debian's chromium " +
                "package and never download a browser: install it with `apt-get install -y chromium` (./test.sh does this).");

        var gatewayPort = FreePort.Next();
        var gatewayAddress = new Uri($"http://127.0.0.1:{gatewayPort}/");
        Identity = Own(await IdentityServer.StartAsync(new Dictionary<string, string>
        {
            // The dashboard signs in through the real login page with code + PKCE on this test's gateway port.
            ["Identity__DashboardRedirectUris__0"] = new Uri(gatewayAddress, "signin-callback.html").ToString(),
            ["Identity__DashboardPostLogoutRedirectUris__0"] = gatewayAddress.ToString(),
        }));
        var vhost = Own(await TestVirtualHost.CreateAsync());

        var services = new[] { "incident", "reporting", "consent", "device-register", "filtering-ingest", "notifications", "governance" };
        var settings = new Dictionary<string, Dictionary<string, string?>>();
        foreach (var service in services) settings[service] = await SettingsFor(service, vhost);
        var deviceRegister = Own(new ServiceHost<TrustSafety.DeviceRegister.EntryPoint>(settings["device-register"], listen: true));
        settings["filtering-ingest"]["Ingest:DeviceRegisterUrl"] = deviceRegister.Address.ToString();
        settings["filtering-ingest"]["Ingest:Syslog:TcpPort"] = "-1";
        settings["filtering-ingest"]["Ingest:Syslog:UdpPort"] = "-1";
        var incident = Own(new ServiceHost<TrustSafety.Incident.EntryPoint>(settings["incident"], listen: true));
        var reporting = Own(new ServiceHost<TrustSafety.Reporting.EntryPoint>(settings["reporting"], listen: true));
        var consent = Own(new ServiceHost<TrustSafety.Consent.EntryPoint>(settings["consent"], listen: true));
        // The notification centre's service; its emails go to a port nobody listens on (they wait and retry, harmlessly).
        settings["notifications"]["Notifications:Smtp:Port"] = FreePort.Next().ToString();
        settings["notifications"]["Notifications:DashboardBaseUrl"] = gatewayAddress.ToString();
        var notifications = Own(new ServiceHost<TrustSafety.Notifications.EntryPoint>(settings["notifications"], listen: true));
        var governance = Own(new ServiceHost<TrustSafety.Governance.EntryPoint>(settings["governance"], listen: true));
        // filtering-ingest registers FormatAdapters with AddSingleton<FormatAdapters>(), so DI picks the constructor taking
        // IEnumerable<IFormatAdapter> (empty) and no format can be registered; use the full set until that is fixed.
        var ingest = Own(new AdjustedHost<TrustSafety.FilteringIngest.EntryPoint>(settings["filtering-ingest"],
            s => s.AddSingleton(new TrustSafety.FilteringIngest.Adapters.FormatAdapters())));

        Services["incident"] = incident.Address;
        Services["reporting"] = reporting.Address;
        Services["consent"] = consent.Address;
        Services["device-register"] = deviceRegister.Address;
        Services["filtering-ingest"] = ingest.Address;
        Services["notifications"] = notifications.Address;
        Services["governance"] = governance.Address;

        Gateway = Own(new ServiceHost<TrustSafety.Gateway.EntryPoint>(new Dictionary<string, string?>
        {
            ["webroot"] = Repository.PathOf("gateway", "TrustSafety.Gateway", "wwwroot"),
            ["Authentication:Authority"] = Identity.Issuer,
            ["ReverseProxy:Clusters:identity:Destinations:d1:Address"] = Identity.Issuer,
            ["ReverseProxy:Clusters:incident:Destinations:d1:Address"] = incident.Address.ToString(),
            ["ReverseProxy:Clusters:reporting:Destinations:d1:Address"] = reporting.Address.ToString(),
            ["ReverseProxy:Clusters:consent:Destinations:d1:Address"] = consent.Address.ToString(),
            ["ReverseProxy:Clusters:device-register:Destinations:d1:Address"] = deviceRegister.Address.ToString(),
            ["ReverseProxy:Clusters:filtering-ingest:Destinations:d1:Address"] = ingest.Address.ToString(),
            ["ReverseProxy:Clusters:notifications:Destinations:d1:Address"] = notifications.Address.ToString(),
            ["ReverseProxy:Clusters:governance:Destinations:d1:Address"] = governance.Address.ToString(),
        }, listenOn: gatewayPort));

        await SeedAsync();

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private async Task<Dictionary<string, string?>> SettingsFor(string service, TestVirtualHost vhost) =>
        await PlatformSettings.ForAsync(Own(await TestDatabase.CreateAsync(service.Replace('-', '_'))), vhost, Identity, service);

    /// <summary>Two Blakehill incidents (one triaged), one at Caldecote, an ingest source with a rejected record.</summary>
    private async Task SeedAsync()
    {
        using var blakehill = await ApiFor("dsl.blakehill");
        BlakehillIncident = await ReportAsync(blakehill, "Pupil shared a screenshot of another pupil's messages in a group chat.", BlakehillPupil);
        await ReportAsync(blakehill, "Pupil searched for violent content on a school laptop.", "P-DASH-7002");
        using (var triage = new HttpRequestMessage(HttpMethod.Post, $"api/incident/incidents/{BlakehillIncident}/triage"))
        {
            triage.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            triage.Content = JsonContent.Create(new
            {
                illegal = false, category = "cyberbullying", fourC = "conduct", severity = 3, handlerId = "dsl.blakehill",
                handlerName = "DSL, Blakehill Primary", rationale = "Peer-on-peer unkindness, no risk of harm outside school.",
            });
            await Expect(await blakehill.SendAsync(triage), "triaging the Blakehill incident");
        }

        using var caldecote = await ApiFor("dsl.caldecote");
        await ReportAsync(caldecote, CaldecoteMarker, "P-DASH-8001");

        using var admin = await ApiFor("it.admin");
        var registered = await admin.PostAsJsonAsync("api/filtering-ingest/sources",
            new { name = SourceName, format = "canonical-json", schoolUrn = "141001", timeZone = "Europe/London" });
        await Expect(registered, "registering an ingest source");
        var sourceId = BlakehillSourceId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync()).RootElement.GetProperty("source").GetProperty("id").GetGuid();
        using var upload = new StringContent("""[{"occurredAt":"yesterday at noon","action":"blocked"}]""", Encoding.UTF8, "application/json");
        var uploaded = await admin.PostAsync($"api/filtering-ingest/sources/{sourceId}/uploads", upload);
        if ((int)uploaded.StatusCode >= 500) throw new InvalidOperationException($"Uploading gave {(int)uploaded.StatusCode}: {await uploaded.Content.ReadAsStringAsync()}");

        // Reporting is fed by integration events: wait until the trust view counts the seeded incidents.
        using var lead = await ApiFor("trust.lead");
        var month = DateTime.UtcNow.ToString("yyyy-MM");
        await Eventually.True(async () =>
        {
            var summary = await lead.GetFromJsonAsync<JsonElement>($"api/reporting/trust/summary?from={month}&to={month}");
            return summary.GetProperty("incidents").GetProperty("schools").EnumerateArray()
                .Where(s => s.GetProperty("urn").GetString() is "141001" or "141002")
                .All(s => s.GetProperty("total").GetProperty("display").GetString() == "<5");
        }, TimeSpan.FromSeconds(60), "reporting counts the seeded incidents (shown as <5)");
    }

    private static async Task<Guid> ReportAsync(HttpClient client, string whatHappened, string pupilId)
    {
        var response = await client.PostAsJsonAsync("api/incident/incidents", new
        {
            happenedAt = DateTimeOffset.UtcNow.AddHours(-3),
            whatHappened,
            where = new { site = "on-site", device = "school-device" },
            howItCameToLight = "Pupil told their class teacher",
            people = new[] { new { role = "child-victim", pupilId } },
            suggestedCategory = "cyberbullying",
        });
        await Expect(response, "reporting a concern");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task Expect(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Seeding failed at {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpClient> ApiFor(string user)
    {
        var client = new HttpClient { BaseAddress = Gateway.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Identity.TokenForAsync(user));
        return client;
    }

    private T Own<T>(T disposable) where T : IAsyncDisposable => _owned.Add(disposable);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await _owned.DisposeAsync();
    }
}
