using Marten;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.DeviceRegister.Devices;

public sealed record DeviceChanged(Guid Id, long Version);

/// <summary>
/// The shape every change to one device takes: the caller's school only (another school's device is a 404), If-Match
/// against the stream version, a pure decision, then one append.
/// </summary>
public static class DeviceChange
{
    public static async Task<IResult> Apply(HttpContext http, IDocumentSession session, Guid id,
        Func<Device, Outcome> decide, CancellationToken ct)
    {
        var expected = http.Request.ExpectedVersion();
        if (expected is null) return Versioning.IfMatchRequired();
        var current = await session.LoadAsync<Device>(id, ct);
        if (current is null) return NotFound();
        if (current.Version != expected) return Versioning.Stale(current.Version);
        var stream = await session.Events.FetchForWriting<Device>(id, expected.Value, ct);
        var outcome = decide(stream.Aggregate!);
        if (outcome.Rejection is { } rejection)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: rejection.Title, detail: rejection.Detail);
        stream.AppendMany(outcome.Events);
        await session.SaveChangesAsync(ct);
        var version = expected.Value + outcome.Events.Count;
        http.Response.SetETag(version);
        return TypedResults.Ok(new DeviceChanged(id, version));
    }

    public static IResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Device not found", detail: "There is no device with this id in your school.");
}
