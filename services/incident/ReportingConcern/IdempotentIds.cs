using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.ReportingConcern;

/// <summary>
/// A client that sends <c>Idempotency-Key</c> gets the same incident id for every retry of one report (name-based,
/// per school and reporter), so the event store's unique stream id turns a retried commit into "already recorded".
/// </summary>
public static class IdempotentIds
{
    public static Guid For(string tenant, string reporter, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"incident-report\n{tenant}\n{reporter}\n{key}"));
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static bool IsExistingStream(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException
                or Npgsql.PostgresException { SqlState: "23505" })
                return true;
        return false;
    }
}
