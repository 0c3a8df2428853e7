using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.AssigningDevices;

public sealed record AssignDevice(string? AssigneeKind, string? AssigneeId, string? AupOverrideReason = null);

public sealed record ReturnDevice(string? Note = null);

/// <summary>Assignment with the acceptable-use gate: a person needs a current AUP for their audience, or a recorded override.</summary>
public static class AssignmentDecider
{
    public const int MinimumOverrideReason = 10;

    public static IReadOnlyDictionary<string, string[]> Validate(AssignDevice c)
    {
        var errors = new FieldErrors().OneOf(c.AssigneeKind, "assigneeKind", AssigneeKinds.All);
        if (string.IsNullOrWhiteSpace(c.AssigneeId)) errors.Add("assigneeId", "Give the school's internal id of the person, class or room (never a name).");
        else errors.When(c.AssigneeId.Length > 100, "assigneeId", "Keep it under 100 characters.");
        if (c.AupOverrideReason is not null && c.AupOverrideReason.Trim().Length < MinimumOverrideReason)
            errors.Add("aupOverrideReason", $"Explain the override in at least {MinimumOverrideReason} characters; it is shown in coverage reports.");
        else errors.When(c.AupOverrideReason is { Length: > 500 }, "aupOverrideReason", "Keep it under 500 characters.");
        return errors.ToDictionary();
    }

    /// <param name="aupCurrent">Whether the assignee has a current AUP signature for their audience (ignored for classes and rooms).</param>
    public static Decision Decide(Device device, AssignDevice c, bool aupCurrent, Actor actor, DateTimeOffset now)
    {
        if (device.Ownership != Ownerships.School)
            return Decision.Conflict("Not a school device", "A pupil's personal phone is recorded only for custody; it cannot be assigned.");
        if (device.Status != DeviceStatuses.Active)
            return Decision.Conflict("Device is not in service", $"The device is {device.Status}; only an active device can be assigned.");
        if (device.CustodyState != CustodyStates.NotHeld)
            return Decision.Conflict("Device is in custody", $"The device is {device.CustodyState}; it cannot be assigned until it is released.");
        if (device.CurrentAssignment is { } current)
            return Decision.Conflict("Device already assigned",
                $"The device is assigned to {current.AssigneeKind} {current.AssigneeId}; record its return first.");

        var kind = c.AssigneeKind!;
        var audience = AssigneeKinds.AupAudience(kind);
        var overrideReason = string.IsNullOrWhiteSpace(c.AupOverrideReason) ? null : c.AupOverrideReason.Trim();
        if (audience is null || aupCurrent)
            return Decision.Accept(new DeviceAssigned(device.Id, kind, c.AssigneeId!.Trim(), audience is null || aupCurrent, null, RecordedBy.Of(actor), now));
        if (overrideReason is null)
            return Decision.Conflict("No current acceptable-use signature",
                $"{kind} {c.AssigneeId} has no current {audience} acceptable-use policy signature. Ask them to sign it, " +
                "or assign with an aupOverrideReason; the override is recorded and shown in coverage reports.");
        return Decision.Accept(new DeviceAssigned(device.Id, kind, c.AssigneeId!.Trim(), false, overrideReason, RecordedBy.Of(actor), now));
    }

    public static Decision DecideReturn(Device device, ReturnDevice c, Actor actor, DateTimeOffset now) =>
        device.CurrentAssignment is { } current
            ? Decision.Accept(new DeviceReturned(device.Id, current.AssigneeKind, current.AssigneeId,
                string.IsNullOrWhiteSpace(c.Note) ? null : c.Note.Trim(), RecordedBy.Of(actor), now))
            : Decision.Conflict("Device is not assigned", "There is no current assignment to return.");
}

public static class AssignDeviceEndpoints
{
    public static void MapAssignDevice(this RouteGroupBuilder devices)
    {
        devices.MapPost("/{id:guid}/assignment", Assign).WithName("AssignDevice")
            .WithSummary("Assign a device to a staff member, pupil, class or room (If-Match required)");
        devices.MapPost("/{id:guid}/return", Return).WithName("ReturnDevice")
            .WithSummary("Record that the current assignee returned the device (If-Match required)");
    }

    private static async Task<Results<Ok<DeviceChanged>, ValidationProblem, ProblemHttpResult>> Assign(Guid id, AssignDevice command, HttpContext http, IDocumentSession session,
        CancellationToken ct)
    {
        var errors = AssignmentDecider.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The device cannot be assigned");
        var audience = AssigneeKinds.AupAudience(command.AssigneeKind!);
        var aupCurrent = audience is not null
            && (await session.LoadAsync<PersonAupSignatures>(command.AssigneeId!.Trim(), ct))?.HasCurrent(audience) == true;
        return await DeviceChange.Apply(http, session, id,
            (device, actor, now) => AssignmentDecider.Decide(device, command, aupCurrent, actor, now));
    }

    private static Task<Results<Ok<DeviceChanged>, ValidationProblem, ProblemHttpResult>> Return(Guid id, ReturnDevice? command,
        HttpContext http, IDocumentSession session) =>
        DeviceChange.Apply(http, session, id,
            (device, actor, now) => AssignmentDecider.DecideReturn(device, command ?? new ReturnDevice(), actor, now));
}
