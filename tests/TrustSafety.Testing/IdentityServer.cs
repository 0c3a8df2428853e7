using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;

namespace TrustSafety.Testing;

/// <summary>
/// The real identity service (OpenIddict) as its own process on a loopback port, shared by every test class of a
/// test run: tests sign in as the demo users with the password grant and get real signed JWTs.
/// </summary>
public sealed class IdentityServer : IAsyncDisposable
{
    public const string DemoPassword = "demo-password";
    private static readonly Lazy<Task<IdentityServer>> Instance = new(() => StartAsync());
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();
    private readonly FixtureProcess _process;
    private readonly TestDatabase _database;
    private readonly string _keyFolder;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private IdentityServer(FixtureProcess process, TestDatabase database, string keyFolder, string issuer)
    {
        _process = process;
        _database = database;
        _keyFolder = keyFolder;
        Issuer = issuer;
    }

    /// <summary>Issuer URL, with a trailing slash: what services use as <c>Authentication:Authority</c>.</summary>
    public string Issuer { get; }

    /// <summary>The identity service's real signing key (PKCS#8 PEM), for tests that forge tokens with it.</summary>
    public string SigningKeyPath => Path.Combine(_keyFolder, "signing.pem");

    public static Task<IdentityServer> SharedAsync() => Instance.Value;

    /// <summary>
    /// A dedicated identity process, e.g. with the dashboard's redirect URI on a test's gateway port
    /// (<paramref name="environment"/>: extra environment variables such as <c>Identity__DashboardRedirectUris__0</c>).
    /// </summary>
    public static async Task<IdentityServer> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var database = await TestDatabase.CreateAsync("identity");
        var port = FreePort.Next();
        var issuer = $"http://127.0.0.1:{port}/";
        var keyFolder = Directory.CreateTempSubdirectory("ts-identity-test-").FullName;
        var assembly = IdentityAssembly();
        var start = new ProcessStartInfo("dotnet", $"\"{assembly}\"")
        {
            // Identity's own folder: otherwise it reads whichever appsettings.json the test's bin folder holds.
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
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Identity__DemoTrust"] = "true"; // demo users and the password grant the tests sign in with
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        // Stopped on dispose, at exit, and by a watchdog when this test host dies without either (see FixtureProcess).
        var child = FixtureProcess.Start(start);
        var process = child.Process;
        var output = new ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is null) return;
            output.Enqueue(line);
            while (output.Count > 40) output.TryDequeue(out _);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new IdentityServer(child, database, keyFolder, issuer);
        try
        {
            await Eventually.True(async () =>
            {
                if (process.HasExited) throw new InvalidOperationException(
                    $"The identity service at {issuer} exited with code {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, output)}");
                try { return (await server._http.GetAsync(issuer + "health/ready")).IsSuccessStatusCode; }
                catch (HttpRequestException) { return false; }
            }, TimeSpan.FromSeconds(60), "identity service ready");
        }
        catch
        {
            await server.DisposeAsync(); // a start that never became ready leaves no process, database or key folder
            throw;
        }
        return server;
    }

    /// <summary>The built identity service next to this test run's build (same configuration).</summary>
    private static string IdentityAssembly()
    {
        var path = Repository.PathOf("services", "identity", "bin", Repository.Configuration, "net10.0", "TrustSafety.Identity.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the identity service first", path);
    }

    /// <summary>A real access token for a demo user (cached per user).</summary>
    public Task<string> TokenForAsync(string username) => _tokens.GetOrAdd(username, RequestTokenAsync);

    /// <summary>Puts <paramref name="username"/>'s token on <paramref name="client"/>.</summary>
    public async Task<HttpClient> ClientForAsync(string username, HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(username));
        return client;
    }

    /// <summary>A demo user's subject id (<c>sub</c>), as services see them, read from their real token.</summary>
    public async Task<string> SubjectOfAsync(string username)
    {
        var payload = (await TokenForAsync(username)).Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        using var claims = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(payload));
        return claims.RootElement.GetProperty("sub").GetString()!;
    }

    private async Task<string> RequestTokenAsync(string username)
    {
        using var response = await _http.PostAsync(Issuer + "connect/token", new FormUrlEncodedContent(
            new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "trustsafety-cli",
                ["username"] = username,
                ["password"] = DemoPassword,
                ["scope"] = "openid profile roles school api",
            }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Token request for {username} failed: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_keyFolder, true);
        _http.Dispose();
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
