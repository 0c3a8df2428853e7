using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.RegisteringDevices;

public sealed record RegisterDevice(
    string? Kind, string? Make = null, string? Model = null, string? SerialNumber = null, string? AssetTag = null,
    string? MdmId = null, string? OperatingSystem = null, string? Name = null);

public static class RegisterDeviceDecision
{
    public const int MaxLength = 200;

    public static IReadOnlyDictionary<string, string[]> Validate(RegisterDevice c)
    {
        var errors = new FieldErrors()
            .When(string.IsNullOrWhiteSpace(c.Kind) || !DeviceKinds.All.Contains(c.Kind.Trim().ToLowerInvariant()), "kind",
                $"Give one of: {string.Join(", ", DeviceKinds.All)}.")
            .When(string.IsNullOrWhiteSpace(c.SerialNumber) && string.IsNullOrWhiteSpace(c.AssetTag), "serialNumber",
                "Give the serial number or the asset tag (or both) so the device can be found again.");
        foreach (var (field, value) in new[] { ("make", c.Make), ("model", c.Model), ("serialNumber", c.SerialNumber),
                     ("assetTag", c.AssetTag), ("mdmId", c.MdmId), ("operatingSystem", c.OperatingSystem), ("name", c.Name) })
            errors.When(value is { Length: > MaxLength }, field, $"Keep it under {MaxLength} characters.");
        return errors.ToDictionary();
    }

    public static DeviceRegistered Decide(Guid id, RegisterDevice c, Actor actor, DateTimeOffset now) => new(
        id, c.Kind!.Trim().ToLowerInvariant(), Ownerships.School, Clean(c.Make), Clean(c.Model),
        Clean(c.SerialNumber)?.ToUpperInvariant(), Clean(c.AssetTag), Clean(c.MdmId), Clean(c.OperatingSystem), Clean(c.Name),
        null, RecordedBy.Of(actor), now);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class RegisterDeviceEndpoint
{
    public static void MapRegisterDevice(this RouteGroupBuilder devices) => devices.MapPost("/", Handle)
        .WithName("RegisterDevice").WithSummary("Register a school device");

    private static async Task<Results<Created<DeviceCreated>, ValidationProblem, ProblemHttpResult>> Handle(
        RegisterDevice command, IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = RegisterDeviceDecision.Validate(command);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The device cannot be registered");
        var registered = RegisterDeviceDecision.Decide(Guid.CreateVersion7(), command, Actor.From(user), clock.GetUtcNow());
        var clash = await DeviceLookup.FindClash(session, registered.SerialNumber, registered.AssetTag, ct);
        if (clash is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Device already registered",
                detail: $"{clash.Value.What} is already registered as device {clash.Value.Id}; update that device instead.");
        session.Events.StartStream<Device>(registered.DeviceId, registered);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/devices/{registered.DeviceId}", new DeviceCreated(registered.DeviceId, 1));
    }
}

public sealed record DeviceCreated(Guid Id, long Version);

public static class DeviceLookup
{
    public static async Task<(Guid Id, string What)?> FindClash(IQuerySession session, string? serial, string? assetTag,
        CancellationToken ct)
    {
        if (serial is not null)
        {
            var existing = await session.Query<Device>().Where(d => d.SerialNumber == serial).Select(d => d.Id).ToListAsync(ct);
            if (existing.Count > 0) return (existing[0], $"Serial number {serial}");
        }
        if (assetTag is not null)
        {
            var existing = await session.Query<Device>().Where(d => d.AssetTag == assetTag).Select(d => d.Id).ToListAsync(ct);
            if (existing.Count > 0) return (existing[0], $"Asset tag {assetTag}");
        }
        return null;
    }
}
