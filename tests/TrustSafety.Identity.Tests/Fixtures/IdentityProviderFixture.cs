using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustSafety.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace TrustSafety.Identity.Tests.Fixtures;

/// <summary>
/// The identity service in memory, on a throwaway PostgreSQL database and fresh keys for one test class; the demo
/// trust (demo users, password grant) is on unless a derived fixture's <see cref="Settings"/> say otherwise.
/// </summary>
public class IdentityProviderFixture : IAsyncLifetime
{
    public const string Issuer = "http://identity.test/";
    public const string DashboardRedirectUri = "http://127.0.0.1:5080/signin-callback.html";

    private readonly string _keyDirectory = Path.Combine(Path.GetTempPath(), $"ts-identity-tests-{Guid.NewGuid():N}");
    private ThrowawayDatabase? _database;
    private IdentityHost? _host;
    private readonly List<IdentityHost> _replicas = [];
    private Dictionary<string, string?> _settings = [];

    public WebApplicationFactory<EntryPoint> Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _database = await ThrowawayDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Identity:DemoTrust"] = "true",
            ["ConnectionStrings:Postgres"] = _database.ConnectionString,
            ["Identity:Issuer"] = Issuer,
            ["Identity:SigningKeyPath"] = Path.Combine(_keyDirectory, "signing.pem"),
            ["Identity:EncryptionKeyPath"] = Path.Combine(_keyDirectory, "encryption.pem"),
            ["Identity:DataProtectionKeysPath"] = Path.Combine(_keyDirectory, "data-protection"),
        };
        foreach (var (key, value) in Settings()) settings[key] = value;
        _settings = settings;
        _host = new IdentityHost(settings, ConfigureServices);
        _ = _host.Server;
    }

    /// <summary>Another identity host on the same database and keys, as a second replica behind the gateway.</summary>
    public WebApplicationFactory<EntryPoint> StartReplica()
    {
        var replica = new IdentityHost(_settings, ConfigureServices);
        _ = replica.Server;
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>Settings over the defaults above (a key with a null value removes it).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient CreateBrowser() =>
        Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public Task<HttpResponseMessage> PasswordGrantAsync(string userName, string password, string scope = "openid profile roles school api") =>
        PasswordGrantAsync(Host, userName, password, scope);

    public static async Task<HttpResponseMessage> PasswordGrantAsync(WebApplicationFactory<EntryPoint> host, string userName, string password,
        string scope = "openid profile roles school api")
    {
        using var client = host.CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "trustsafety-cli",
            ["username"] = userName,
            ["password"] = password,
            ["scope"] = scope,
        }));
    }

    public async Task<JsonWebToken> AccessTokenForAsync(string userName)
    {
        using var response = await PasswordGrantAsync(userName, "demo-password");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return new JsonWebToken(body.GetProperty("access_token").GetString());
    }

    public async Task<IList<SecurityKey>> SigningKeysAsync()
    {
        using var client = Host.CreateClient();
        var jwks = new JsonWebKeySet(await client.GetStringAsync("/.well-known/jwks"));
        return jwks.GetSigningKeys();
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas) await replica.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (Directory.Exists(_keyDirectory))
        {
            Directory.Delete(_keyDirectory, recursive: true);
        }
    }

    private sealed class IdentityHost(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> configureServices)
        : WebApplicationFactory<EntryPoint>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in settings.Where(s => s.Value is not null))
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureServices(configureServices);
        }
    }
}
