using System.Security.Cryptography;
using System.Text;
using Npgsql;
using TrustSafety.Identity.Configuration;

namespace TrustSafety.Identity.Login;

/// <summary>
/// Failed sign-ins per user name in identity's database (<c>sign_in_failures</c>), shared by every replica. A name is
/// kept as the SHA-256 of its lower-cased form (a mistyped password in the name box is never stored, and every key has
/// one size). A failure is one <c>INSERT … ON CONFLICT DO UPDATE … RETURNING</c>, so failures arriving at two replicas
/// at once both count. Rows whose window and lock have passed are removed now and then.
/// </summary>
internal sealed class SignInFailures(IConfiguration configuration) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(configuration.PostgresConnectionString());
    private readonly SemaphoreSlim _creating = new(1, 1);
    private volatile bool _created;

    private const string CreateTable = """
        create table if not exists sign_in_failures (
            name_hash bytea primary key,
            failures integer not null,
            first_at timestamptz not null,
            locked_until timestamptz null)
        """;

    private const string Record = """
        insert into sign_in_failures as f (name_hash, failures, first_at, locked_until)
        values (@name, 1, @now, case when 1 >= @max then @now + @duration end)
        on conflict (name_hash) do update set
            failures = case when f.first_at + @duration <= @now or f.locked_until <= @now then 1 else f.failures + 1 end,
            first_at = case when f.first_at + @duration <= @now or f.locked_until <= @now then @now else f.first_at end,
            locked_until = case
                when (case when f.first_at + @duration <= @now or f.locked_until <= @now then 1 else f.failures + 1 end) >= @max
                then @now + @duration end
        returning locked_until
        """;

    public async Task<DateTimeOffset?> LockedUntilAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var command = _database.CreateCommand("select locked_until from sign_in_failures where name_hash = @name");
        command.Parameters.AddWithValue("name", Key(name));
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    public async Task ClearAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        await using var command = _database.CreateCommand("delete from sign_in_failures where name_hash = @name");
        command.Parameters.AddWithValue("name", Key(name));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts one failure; returns until when the name is locked (null when it is not).</summary>
    public async Task<DateTimeOffset?> RecordAsync(string name, DateTimeOffset now, int maxFailures, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        if (Random.Shared.Next(100) == 0) await PruneAsync(now, duration, cancellationToken);
        await using var command = _database.CreateCommand(Record);
        command.Parameters.AddWithValue("name", Key(name));
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("max", maxFailures);
        command.Parameters.AddWithValue("duration", duration);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private async Task PruneAsync(DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var command = _database.CreateCommand(
            "delete from sign_in_failures where coalesce(locked_until, first_at + @duration) <= @now");
        command.Parameters.AddWithValue("now", now.UtcDateTime);
        command.Parameters.AddWithValue("duration", duration);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static byte[] Key(string name) => SHA256.HashData(Encoding.UTF8.GetBytes(name.Trim().ToLowerInvariant()));

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created) return;
        await _creating.WaitAsync(cancellationToken);
        try
        {
            if (_created) return;
            await using var command = _database.CreateCommand(CreateTable);
            try { await command.ExecuteNonQueryAsync(cancellationToken); }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another replica created it at the same moment.
            }
            _created = true;
        }
        finally
        {
            _creating.Release();
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
