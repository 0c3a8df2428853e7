using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using Marten;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.RetiringDevices;

public sealed record RetireDevice(string? Reason);

/// <summary>Kind: lost or stolen.</summary>
public sealed record ReportDeviceMissing(string? Kind, string? Note = null);

public static class RetirementDecider
{
    public static Decision DecideRetire(Device device, RetireDevice c, Actor actor, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(c.Reason))
            return new FieldErrors().Add("reason", "Say why the device is retired (e.g. 'end of life, wiped and recycled').")
                .Reject("The device cannot be retired");
        if (device.Status == DeviceStatuses.Retired)
            return Decision.Conflict("Device already retired", "The device was retired before; nothing changed.");
        if (device.CustodyState != CustodyStates.NotHeld)
            return Decision.Conflict("Device is in custody",
                $"The device is {device.CustodyState} and may be evidence; release it from custody before retiring it.");
        if (device.CurrentAssignment is { } a)
            return Decision.Conflict("Device still assigned", $"The device is assigned to {a.AssigneeKind} {a.AssigneeId}; record its return first.");
        return Decision.Accept(new DeviceRetired(device.Id, c.Reason.Trim(), RecordedBy.Of(actor), now));
    }

    public static Decision DecideMissing(Device device, ReportDeviceMissing c, Actor actor, DateTimeOffset now)
    {
        if (c.Kind is not (DeviceStatuses.Lost or DeviceStatuses.Stolen))
            return new FieldErrors().Add("kind", "Give kind 'lost' or 'stolen'.").Reject("The device cannot be reported missing");
        if (device.Status != DeviceStatuses.Active)
            return Decision.Conflict("Device is not in service", $"The device is already {device.Status}.");
        if (device.CustodyState != CustodyStates.NotHeld)
            return Decision.Conflict("Device is in custody", $"The device is {device.CustodyState}; a device in custody is not missing.");
        return Decision.Accept(new DeviceReportedMissing(device.Id, c.Kind, string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim(),
            RecordedBy.Of(actor), now));
    }
}

public static class RetireDeviceEndpoints
{
    public static void MapRetireDevice(this RouteGroupBuilder devices)
    {
        devices.MapPost("/{id:guid}/retire", (Guid id, RetireDevice command, HttpContext http, IDocumentSession session) =>
            DeviceChange.Apply(http, session, id, (d, actor, now) => RetirementDecider.DecideRetire(d, command, actor, now)))
            .WithName("RetireDevice").WithSummary("Retire a device (If-Match required)");
        devices.MapPost("/{id:guid}/missing", (Guid id, ReportDeviceMissing command, HttpContext http, IDocumentSession session) =>
            DeviceChange.Apply(http, session, id, (d, actor, now) => RetirementDecider.DecideMissing(d, command, actor, now)))
            .WithName("ReportDeviceMissing").WithSummary("Report a device lost or stolen (If-Match required)");
    }
}
