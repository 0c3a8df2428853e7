using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.DeviceRegister.Devices;

public sealed record DeviceListItem(Guid Id, string Kind, string Ownership, string Status, string? AssetTag, string? SerialNumber,
    string? Name, string? Model, string? AssigneeKind, string? AssigneeId, string CustodyState, long Version);

public sealed record PersonAupStatus(string PersonId, IReadOnlyList<AupSignatureRecord> Signatures, IReadOnlyList<string> CurrentAudiences);

public static class DeviceQueries
{
    public static void MapDeviceQueries(this RouteGroupBuilder devices, IEndpointRouteBuilder app, string policy)
    {
        devices.MapGet("/", List).WithName("ListDevices").WithSummary("The school's devices (?status=active&unassigned=true&kind=ipad)");
        devices.MapGet("/{id:guid}", Get).WithName("GetDevice").WithSummary("A device with its assignment history, identities and custody chain");
        app.MapGet("/aup-signatures/{personId}", Aup).RequireAuthorization(policy).WithName("GetPersonAupSignatures")
            .WithSummary("A person's acceptable-use signatures as this service knows them (from consent events)");
    }

    private static async Task<Ok<List<DeviceListItem>>> List(string? status, bool? unassigned, string? kind, IQuerySession session, CancellationToken ct)
    {
        var query = session.Query<Device>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(status)) query = query.Where(d => d.Status == status);
        if (!string.IsNullOrWhiteSpace(kind)) query = query.Where(d => d.Kind == kind);
        if (unassigned == true) query = query.Where(d => d.CurrentAssignment == null);
        var devices = await query.OrderBy(d => d.RegisteredAt).Take(5000).ToListAsync(ct);
        return TypedResults.Ok(devices.Select(d => new DeviceListItem(d.Id, d.Kind, d.Ownership, d.Status, d.AssetTag, d.SerialNumber,
            d.Name, d.Model, d.CurrentAssignment?.AssigneeKind, d.CurrentAssignment?.AssigneeId, d.CustodyState, d.Version)).ToList());
    }

    private static async Task<Results<Ok<Device>, ProblemHttpResult>> Get(Guid id, HttpResponse response, IQuerySession session, CancellationToken ct)
    {
        var device = await session.LoadAsync<Device>(id, ct);
        if (device is null) return DeviceChange.NotFound();
        response.SetETag(device.Version);
        return TypedResults.Ok(device);
    }

    private static async Task<Ok<PersonAupStatus>> Aup(string personId, IQuerySession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<PersonAupSignatures>(personId, ct);
        var signatures = person?.Signatures ?? [];
        return TypedResults.Ok(new PersonAupStatus(personId, signatures,
            signatures.Where(s => s.IsCurrent).Select(s => s.Audience).Distinct(StringComparer.Ordinal).ToList()));
    }
}
