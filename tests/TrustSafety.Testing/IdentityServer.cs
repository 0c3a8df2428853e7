using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace TrustSafety.Testing;

/// <summary>
/// The real identity service (OpenIddict) on a loopback port, shared by every test class of a test run:
/// tests sign in as the demo users with the password grant and get real signed JWTs.
/// </summary>
public sealed class IdentityServer : IAsyncDisposable
{
    public const string DemoPassword = "demo-password";
    private static readonly Lazy<Task<IdentityServer>> Instance = new(StartAsync);
    private readonly ConcurrentDictionary<string, Task<string>> _tokens = new();
    private readonly ServiceHost<TrustSafety.Identity.EntryPoint> _host;
    private readonly TestDatabase _database;
    private readonly HttpClient _http = new();

    private IdentityServer(ServiceHost<TrustSafety.Identity.EntryPoint> host, TestDatabase database, string issuer)
    {
        _host = host;
        _database = database;
        Issuer = issuer;
    }

    /// <summary>Issuer URL, with a trailing slash: what services use as <c>Authentication:Authority</c>.</summary>
    public string Issuer { get; }

    public static Task<IdentityServer> SharedAsync() => Instance.Value;

    private static async Task<IdentityServer> StartAsync()
    {
        var database = await TestDatabase.CreateAsync("identity");
        var port = FreePort.Next();
        var issuer = $"http://127.0.0.1:{port}/";
        var keyPath = Path.Combine(Path.GetTempPath(), $"ts-identity-test-{Guid.NewGuid():N}.pem");
        var host = new ServiceHost<TrustSafety.Identity.EntryPoint>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database.ConnectionString,
            ["Identity:Issuer"] = issuer,
            ["Identity:SigningKeyPath"] = keyPath,
            ["Authentication:Authority"] = issuer,
            ["ASPNETCORE_URLS"] = issuer,
        }, listenOn: port);
        return new IdentityServer(host, database, issuer);
    }

    /// <summary>A real access token for a demo user (cached per user).</summary>
    public Task<string> TokenForAsync(string username) => _tokens.GetOrAdd(username, RequestTokenAsync);

    /// <summary>An HttpClient for <paramref name="baseAddress"/> that carries <paramref name="username"/>'s token.</summary>
    public async Task<HttpClient> ClientForAsync(string username, HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenForAsync(username));
        return client;
    }

    private async Task<string> RequestTokenAsync(string username)
    {
        using var response = await _http.PostAsync(new Uri(new Uri(Issuer), "connect/token"), new FormUrlEncodedContent(
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
        var token = System.Text.Json.JsonSerializer.Deserialize<TokenResponse>(body)!;
        return token.AccessToken;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        _http.Dispose();
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
