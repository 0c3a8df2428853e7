using System.Security.Cryptography;
using System.Text;
using Marten;

namespace TrustSafety.EventSourcing.EventStore;

/// <summary>
/// A transaction-scoped PostgreSQL advisory lock (<c>pg_advisory_xact_lock</c>) on the session's connection: opens the
/// session's transaction and waits until no other transaction holds the lock of the same name, in any replica. Released
/// when the transaction commits or the session is disposed. For work that must not run twice at once (a read, a decision
/// and a write that another request or consumer could interleave).
/// </summary>
public static class TransactionLock
{
    public static async Task LockForTransactionAsync(this IDocumentSession session, string name, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var connection = session.Connection ?? throw new InvalidOperationException("The session has no connection.");
        await using var command = new Npgsql.NpgsqlCommand("select pg_advisory_xact_lock($1)", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = KeyOf(name) });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The lock's 64-bit key: the first eight bytes of the SHA-256 of its name.</summary>
    public static long KeyOf(string name) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);
}
