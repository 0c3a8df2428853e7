using Microsoft.AspNetCore.Http;
using Npgsql;
using TrustSafety.ServiceDefaults.Errors;

namespace TrustSafety.EventSourcing.EventStore;

/// <summary>
/// The event store's failures as problems a client can act on: a write that lost an optimistic-concurrency race is 412
/// (read again, retry with the new ETag); PostgreSQL out of reach is 503 with Retry-After. Registered by
/// <see cref="EventStoreSetup.AddEventStore"/>; the platform's own exception handler asks it first.
/// </summary>
public sealed class StorageProblems : IExceptionClassifier
{
    public ExceptionProblem? Classify(Exception exception) => exception switch
    {
        // The request's own faults keep their meaning, whatever they wrap.
        BadHttpRequestException or System.Text.Json.JsonException => null,
        JasperFx.ConcurrencyException => new(StatusCodes.Status412PreconditionFailed, "The record changed since you read it",
            "Someone else changed this record. Read it again (GET) and retry with the new ETag in If-Match."),
        // Marten 9.58 throws its own type for a stream started twice, not a subclass of JasperFx's.
        JasperFx.Events.ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException => new(
            StatusCodes.Status412PreconditionFailed, "The record was made since you read it",
            "Someone else made this record at the same moment. Read it again (GET) and retry with its ETag in If-Match."),
        _ when IsDatabaseUnavailable(exception) => new(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable",
            "Nothing was stored. Retry after the number of seconds in Retry-After."),
        _ => null,
    };

    /// <summary>Whether PostgreSQL is out of reach (a transient Npgsql failure, a socket or a timeout, a connection-class SQLSTATE).</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
            if (e is PostgresException pg && (pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300"))
                return true;
        }
        return false;
    }
}
