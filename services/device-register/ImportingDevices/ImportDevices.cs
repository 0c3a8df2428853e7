using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.RegisteringDevices;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister.ImportingDevices;

public sealed record ImportResult(int Imported, IReadOnlyList<RejectedRow> Rejected, IReadOnlyList<Guid> DeviceIds,
    IReadOnlyDictionary<string, string> ColumnsUsed);

public static class ImportDevicesEndpoint
{
    public const int MaxBytes = 1024 * 1024;

    public static void MapImportDevices(this RouteGroupBuilder devices) => devices.MapPost("/import", Handle)
        .Accepts<string>("text/csv").WithName("ImportDevices")
        .WithSummary("Import devices from a Jamf School / Intune / Snipe-IT CSV export (text/csv, max 1 MB and 5000 rows)");

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, IDocumentSession session, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: $"Import at most {MaxBytes / 1024} KB at a time; split the export.");
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = ["Send the CSV export as the body (Content-Type: text/csv)."] });

        var parsed = DeviceCsv.Parse(text);
        if (parsed.HeaderError is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["file"] = [parsed.HeaderError] },
                title: "The file cannot be imported");

        var existing = await ExistingKeys(session, parsed.Rows, ct);
        // Every device is a new stream, so nothing is read for writing: all of them start in one transaction, or none does.
        ImportPlan? plan = null;
        return await Change.Record<Ok<ImportResult>>(session, user, clock,
            (actor, now) => (plan = ImportDecision.Decide(parsed.Rows, existing, actor, now)).Decision,
            _ => Task.FromResult(TypedResults.Ok(new ImportResult(plan!.Registered.Count,
                parsed.Rejected.Concat(plan.Rejected).OrderBy(r => r.Row).ToList(), plan.Registered.Select(r => r.DeviceId).ToList(),
                parsed.ColumnsUsed))), ct);
    }

    private static async Task<HashSet<string>> ExistingKeys(IQuerySession session, IReadOnlyList<CsvDeviceRow> rows, CancellationToken ct)
    {
        var serials = rows.Select(r => r.Device.SerialNumber?.Trim().ToUpperInvariant()).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var tags = rows.Select(r => r.Device.AssetTag?.Trim()).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (serials.Length > 0)
            foreach (var s in await session.Query<Device>().Where(d => d.SerialNumber != null && serials.Contains(d.SerialNumber))
                         .Select(d => d.SerialNumber!).ToListAsync(ct))
                keys.Add("serial:" + s);
        if (tags.Length > 0)
            foreach (var t in await session.Query<Device>().Where(d => d.AssetTag != null && tags.Contains(d.AssetTag))
                         .Select(d => d.AssetTag!).ToListAsync(ct))
                keys.Add("tag:" + t);
        return keys;
    }
}

/// <summary>The devices a file registers (each a new stream) and the rows it rejects, each with the reason.</summary>
public sealed record ImportPlan(IReadOnlyList<DeviceRegistered> Registered, IReadOnlyList<RejectedRow> Rejected)
{
    /// <summary>What the change path records: one new device stream per registered row.</summary>
    public Decision Decision { get; } = Decision.Nothing.Starting(Registered.Select(r => new NewStream(r.DeviceId, typeof(Device), [r])));
}

/// <summary>Each row is validated as a single registration; duplicates within the file or with the register are rejected by row.</summary>
public static class ImportDecision
{
    public static ImportPlan Decide(IReadOnlyList<CsvDeviceRow> rows, IReadOnlySet<string> existingKeys,
        Actor actor, DateTimeOffset now)
    {
        var registered = new List<DeviceRegistered>();
        var rejected = new List<RejectedRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var errors = RegisterDeviceDecision.Validate(row.Device);
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedRow(row.Row, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))));
                continue;
            }
            var device = RegisterDeviceDecision.Decide(Guid.CreateVersion7(), row.Device, actor, now);
            var keys = new[] { device.SerialNumber is { } s ? ("serial:" + s, $"serial number {s}") : default,
                    device.AssetTag is { } t ? ("tag:" + t, $"asset tag {t}") : default }
                .Where(k => k.Item1 is not null).ToList();
            var reason = keys.Select(k => existingKeys.Contains(k.Item1) ? $"The {k.Item2} is already registered."
                    : seen.TryGetValue(k.Item1, out var first) ? $"The {k.Item2} is also on row {first}; each device once."
                    : null)
                .FirstOrDefault(r => r is not null);
            if (reason is not null) { rejected.Add(new RejectedRow(row.Row, reason)); continue; }
            foreach (var k in keys) seen[k.Item1] = row.Row;
            registered.Add(device);
        }
        return new ImportPlan(registered, rejected);
    }
}
