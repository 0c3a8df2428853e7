using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrustSafety.Testing;

namespace TrustSafety.DataProtection.Tests;

/// <summary>The incident service on its own PostgreSQL database and virtual host, real tokens, and a fake clock for retention.</summary>
public sealed class IncidentFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));
    public IdentityServer Identity => _service.Identity;
    public WebApplicationFactory<Incident.EntryPoint> App => _service.App;
    public TestDatabase Database => _service.Database;
    private ServiceUnderTest<Incident.EntryPoint> _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<Incident.EntryPoint>.StartAsync("incident", database: "dataprotection", clock: Clock);

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

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

    public async Task DisposeAsync() => await _service.DisposeAsync();
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
