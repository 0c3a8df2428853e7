using Npgsql;

namespace TrustSafety.Identity.Tests.Fixtures;

/// <summary>
/// A database of its own for one test class on the real PostgreSQL named by TS_PG_* (infra/setup.sh), dropped afterwards.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private ThrowawayDatabase(string admin, string name)
    {
        _admin = admin;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ThrowawayDatabase> CreateAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = Environment.GetEnvironmentVariable("TS_PG_HOST") ?? "127.0.0.1",
            Port = int.Parse(Environment.GetEnvironmentVariable("TS_PG_PORT") ?? "5432"),
            Username = Environment.GetEnvironmentVariable("TS_PG_USER") ?? "trustsafety",
            Password = Environment.GetEnvironmentVariable("TS_PG_PASSWORD") ?? "trustsafety",
            Database = "postgres",
        }.ConnectionString;
        var name = $"test_identity_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"create database \"{name}\"");
        return new ThrowawayDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"drop database if exists \"{Name}\" with (force)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
