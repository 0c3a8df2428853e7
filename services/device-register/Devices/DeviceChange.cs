using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.Devices;

public sealed record DeviceChanged(Guid Id, long Version);

/// <summary>
/// The platform's change path (<see cref="Change"/>) for one device: the caller's school only (another school's device is a
/// 404), If-Match against the stream version, a pure decision, then one append (with any other device's events it decides).
/// </summary>
public static class DeviceChange
{
    public static Task<Results<Ok<DeviceChanged>, ValidationProblem, ProblemHttpResult>> Apply(HttpContext http,
        IDocumentSession session, Guid id, Func<Device, Actor, DateTimeOffset, Decision> decide) =>
        Apply(http, session, id, decide, applied => new DeviceChanged(id, applied.Version));

    /// <param name="beforeSave">Stages what commits with an accepted decision (e.g. a cross-school conflict).</param>
    public static Task<Results<Ok<T>, ValidationProblem, ProblemHttpResult>> Apply<T>(HttpContext http,
        IDocumentSession session, Guid id, Func<Device, Actor, DateTimeOffset, Decision> decide, Func<Applied<Device>, T> respond,
        Action? beforeSave = null) =>
        // The device deciders take the path's own actor and now (each event records RecordedBy.Of(actor) and now).
        Change.Apply(http, session, http.RequestServices.GetRequiredService<CurrentUser>(),
            http.RequestServices.GetRequiredService<TimeProvider>(), id, decide, respond,
            new ChangeRules<Device>
            {
                NotFound = NotFound,
                BeforeSave = beforeSave is null ? null : (_, _, events) => { beforeSave(); return Task.FromResult(events); },
            });

    public static ProblemHttpResult NotFound() => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Device not found", detail: "There is no device with this id in your school.");
}
