using System.Text;
using Npgsql;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.Fixtures;

/// <summary>The incident service on a database of its own, with the database reachable for raw checks of what is stored.</summary>
public sealed class CaseFilesFixture : IAsyncLifetime
{
    public IdentityServer Identity => _service.Identity;
    public TestDatabase Database => _service.Database;
    public ServiceHost<EntryPoint> Host => _service.Host;
    private ServiceUnderTest<EntryPoint> _service = null!;

    public async Task InitializeAsync() => _service = await ServiceUnderTest<EntryPoint>.StartAsync("incident");

    public async Task<IncidentClient> ClientFor(string user) => new(await _service.ClientFor(user));

    /// <summary>Every stored event's and document's JSON of the service's schema, to check what is never stored in plaintext.</summary>
    public async Task<string> EverythingStoredAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = 'incident' and (table_name like 'mt_doc_%' or table_name = 'mt_events')",
            connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"select coalesce(string_agg(data::text, '\n'), '') from incident.{table}", connection);
            text.AppendLine((string)(await dump.ExecuteScalarAsync())!);
        }
        return text.ToString();
    }

    /// <summary>A concern reported by Blakehill's DSL and triaged in the category given.</summary>
    public async Task<(IncidentClient Dsl, Guid Id, string ETag)> TriagedAsync(string category, int severity = 3)
    {
        var dsl = await ClientFor("dsl.blakehill");
        var (id, etag) = await dsl.ReportAsync();
        etag = await dsl.ChangeOkAsync($"/incidents/{id}/triage", IncidentClient.Triage(category, severity), etag);
        return (dsl, id, etag);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();
}

/// <summary>
/// One <see cref="CaseFilesFixture"/> for the case-file API tests (issue 15) that were one class before the tests moved
/// into use-case folders; its classes run one after another, as that class's tests did.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CaseFilesCollection : ICollectionFixture<CaseFilesFixture>
{
    public const string Name = "Case files API";
}
