using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using TrustSafety.Testing;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// The real identity service as its own process (like <see cref="IdentityServer"/>), but registering the dashboard's
/// redirect URI on this test's gateway port, so the browser signs in through the real login page with code + PKCE.
/// </summary>
public sealed class DashboardIdentity : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TestDatabase _database;
    private readonly string _keyFolder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();

    private DashboardIdentity(Process process, TestDatabase database, string keyFolder, string issuer)
    {
        _process = process;
        _database = database;
        _keyFolder = keyFolder;
        Issuer = issuer;
    }

    public string Issuer { get; }

    public static async Task<DashboardIdentity> StartAsync(Uri gateway)
    {
        var database = await TestDatabase.CreateAsync("identity");
        var issuer = $"http://127.0.0.1:{FreePort.Next()}/";
        var keyFolder = Directory.CreateTempSubdirectory("ts-dashboard-identity-").FullName;
        var assembly = Repository.IdentityAssembly();
        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            // Its own folder: the test's bin holds some other service's appsettings.json (with its own Urls).
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = issuer;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ConnectionStrings__Postgres"] = database.ConnectionString;
        start.Environment["Identity__Issuer"] = issuer;
        start.Environment["Identity__SigningKeyPath"] = Path.Combine(keyFolder, "signing.pem");
        start.Environment["Identity__EncryptionKeyPath"] = Path.Combine(keyFolder, "encryption.pem");
        start.Environment["Identity__DataProtectionKeysPath"] = Path.Combine(keyFolder, "dp");
        start.Environment["Identity__DashboardRedirectUris__0"] = new Uri(gateway, "signin-callback.html").ToString();
        start.Environment["Identity__DashboardPostLogoutRedirectUris__0"] = gateway.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the identity service.");
        var output = new ConcurrentQueue<string>();
        void Keep(string? line) { if (line is null) return; output.Enqueue(line); while (output.Count > 40) output.TryDequeue(out _); }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { process.Kill(true); } catch (InvalidOperationException) { } };

        var identity = new DashboardIdentity(process, database, keyFolder, issuer);
        await Eventually.True(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException(
                $"The identity service at {issuer} exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
            try { return (await identity._http.GetAsync(issuer + "health/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "identity service ready");
        return identity;
    }

    /// <summary>A real access token for a demo user (password grant, for seeding data through the API).</summary>
    public Task<string> TokenForAsync(string username) => _tokens.GetOrAdd(username, async user =>
    {
        using var response = await _http.PostAsync(Issuer + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "trustsafety-cli",
            ["username"] = user,
            ["password"] = IdentityServer.DemoPassword,
            ["scope"] = "openid profile roles school api",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token request for {user} failed: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    });

    public async ValueTask DisposeAsync()
    {
        try { _process.Kill(true); } catch (InvalidOperationException) { }
        await _process.WaitForExitAsync();
        _process.Dispose();
        await _database.DisposeAsync();
        Directory.Delete(_keyFolder, true);
        _http.Dispose();
    }
}

internal static class Repository
{
    public static DirectoryInfo Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TrustSafety.sln"))) dir = dir.Parent;
        return dir ?? throw new InvalidOperationException("TrustSafety.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}")
        ? "Release" : "Debug";

    public static string IdentityAssembly()
    {
        var path = Path.Combine(Root().FullName, "services", "identity", "bin", Configuration, "net10.0", "TrustSafety.Identity.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the identity service first", path);
    }

    public static string GatewayWebRoot() => Path.Combine(Root().FullName, "gateway", "TrustSafety.Gateway", "wwwroot");

    /// <summary>Screenshots are test output: tests/TrustSafety.Dashboard.Tests/TestResults/screenshots.</summary>
    public static string ScreenshotFolder()
    {
        var folder = Path.Combine(Root().FullName, "tests", "TrustSafety.Dashboard.Tests", "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
