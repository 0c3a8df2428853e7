using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrustSafety.Testing;

namespace TrustSafety.DataProtection.Tests;

/// <summary>The incident service on its own PostgreSQL database and virtual host, real tokens, and a fake clock for retention.</summary>
public sealed class IncidentFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));
    public IdentityServer Identity { get; private set; } = null!;
    public WebApplicationFactory<Incident.EntryPoint> App { get; private set; } = null!;
    public TestDatabase Database { get; private set; } = null!;
    private TestVirtualHost _vhost = null!;
    private ServiceHost<Incident.EntryPoint> _host = null!;

    public async Task InitializeAsync()
    {
        Identity = await IdentityServer.SharedAsync();
        Database = await TestDatabase.CreateAsync("dataprotection");
        _vhost = await TestVirtualHost.CreateAsync();
        _host = new(await PlatformSettings.ForAsync(Database, _vhost, Identity, "incident"));
        App = _host.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            // Tokens are issued on real time; only the service's domain runs on the fake clock.
            s.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o => o.TimeProvider = TimeProvider.System);
        }));
    }

    public async Task<HttpClient> ClientFor(string user) => await Identity.ClientForAsync(user, App.CreateClient());

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The raw JSON of every stored event and snapshot of a stream: what a copy of the database would show.</summary>
    public async Task<(long Events, string Json)> RawStreamAsync(Guid streamId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var events = new NpgsqlCommand(
            "select count(*), coalesce(string_agg(data::text, '\n'), '') from incident.mt_events where stream_id = @id", connection);
        events.Parameters.AddWithValue("id", streamId);
        await using var reader = await events.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (count, json) = (reader.GetInt64(0), reader.GetString(1));
        await reader.CloseAsync();
        await using var snapshot = new NpgsqlCommand("select coalesce(string_agg(data::text, '\n'), '') from incident.mt_doc_onlinesafetyincident where id = @id", connection);
        snapshot.Parameters.AddWithValue("id", streamId);
        return (count, json + "\n" + (string)(await snapshot.ExecuteScalarAsync())!);
    }

    public async Task<Guid> ReportAsync(string user, object body)
    {
        using var client = await ClientFor(user);
        using var response = await client.PostAsJsonAsync("/incidents", body);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public object Concern(string whatHappened, params object[] people) => new
    {
        happenedAt = Clock.GetUtcNow().AddHours(-2),
        whatHappened,
        where = new { site = "off-site", device = "personal-device", detail = "at the bus stop" },
        howItCameToLight = "Disclosure to form tutor",
        people,
    };

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _host.DisposeAsync();
        await _vhost.DisposeAsync();
        await Database.DisposeAsync();
    }
}

public static class Json
{
    public static async Task<JsonElement> ReadOk(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
