using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.RegisteringDevices;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.Custody;

/// <summary>A pupil's own phone handed in: registered for its custody chain only, never assigned.</summary>
public sealed record HandInPersonalPhone(string? OwnerPupilId, string? Description, string? Location, Guid? IncidentId = null);

public static class PersonalPhoneDecision
{
    public static IReadOnlyDictionary<string, string[]> Validate(HandInPersonalPhone c) => new FieldErrors()
        .When(string.IsNullOrWhiteSpace(c.OwnerPupilId) || c.OwnerPupilId.Length > 100, "ownerPupilId",
            "Give the pupil's internal id (never a name), under 100 characters.")
        .When(string.IsNullOrWhiteSpace(c.Description) || c.Description.Length > 200, "description",
            "Describe the phone so it can be identified (e.g. 'black iPhone, cracked case'), under 200 characters.")
        .When(string.IsNullOrWhiteSpace(c.Location) || c.Location.Length > 500, "location",
            "Say where the phone is kept now (e.g. 'school office phone box'), under 500 characters.")
        .ToDictionary();

    public static IReadOnlyList<object> Decide(Guid id, HandInPersonalPhone c, Actor actor, DateTimeOffset now)
    {
        var registered = new DeviceRegistered(id, "phone", Ownerships.PupilPersonal, null, c.Description!.Trim(), null, null, null,
            null, null, c.OwnerPupilId!.Trim(), RecordedBy.Of(actor), now);
        var handedIn = CustodyDecider.Decide(Device.Create(registered),
            new RecordCustodyStep(CustodySteps.HandedIn, c.Location, c.IncidentId), actor, now);
        return [registered, .. handedIn.Events];
    }
}

public static class CustodyEndpoints
{
    public static void MapCustody(this RouteGroupBuilder devices, IEndpointRouteBuilder app, string policy)
    {
        devices.MapPost("/{id:guid}/custody", Record).RequireAuthorization(policy).WithName("RecordCustodyStep")
            .WithSummary("Record the next step of a device's custody chain (If-Match required)");
        devices.MapGet("/{id:guid}/custody", Chain).RequireAuthorization(policy).WithName("GetCustodyChain")
            .WithSummary("A device's custody chain and the steps that may follow");
        app.MapPost("/custody/personal-phones", HandIn).RequireAuthorization(policy).WithName("HandInPersonalPhone")
            .WithSummary("Record a pupil's personal phone handed in (starts its custody chain)");
    }

    private static async Task<Results<Ok<DeviceChanged>, ValidationProblem, ProblemHttpResult>> Record(Guid id, RecordCustodyStep command, HttpContext http, IDocumentSession session)
    {
        var errors = CustodyDecider.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The custody step cannot be recorded");
        return await DeviceChange.Apply(http, session, id, (d, actor, now) => CustodyDecider.Decide(d, command, actor, now));
    }

    private static async Task<Results<Ok<CustodyChain>, ProblemHttpResult>> Chain(Guid id, IQuerySession session, CancellationToken ct)
    {
        var device = await session.LoadAsync<Device>(id, ct);
        if (device is null) return DeviceChange.NotFound();
        return TypedResults.Ok(new CustodyChain(id, device.Ownership, device.CustodyState, device.PoliceReference, device.Custody,
            CustodyDecider.NextSteps(device.CustodyState, device.Ownership)));
    }

    private static async Task<Results<Created<DeviceCreated>, ValidationProblem>> HandIn(HandInPersonalPhone command,
        IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = PersonalPhoneDecision.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The phone cannot be recorded");
        var id = Guid.CreateVersion7();
        var events = PersonalPhoneDecision.Decide(id, command, Actor.From(user), clock.GetUtcNow());
        session.Events.StartStream<Device>(id, events.ToArray());
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/devices/{id}", new DeviceCreated(id, events.Count));
    }
}

public sealed record CustodyChain(Guid DeviceId, string Ownership, string State, string? PoliceReference,
    IReadOnlyList<CustodyStep> Steps, IReadOnlyList<string> AllowedNext);
