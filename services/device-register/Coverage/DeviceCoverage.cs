using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Coverage;

public sealed record DeviceRef(Guid Id, string Kind, string? AssetTag, string? SerialNumber, string? Name);
public sealed record AupGap(DeviceRef Device, string AssigneeKind, string AssigneeId, bool Overridden, string? OverrideReason,
    string? OverriddenBy, DateTimeOffset AssignedAt);
public sealed record UnseenDevice(DeviceRef Device, DateTimeOffset? LastSeenAt);
public sealed record CoverageTotals(int ActiveSchoolDevices, int Unassigned, int AssignedWithoutCurrentAup, int AupOverrides,
    int NotSeen, int InCustody);
public sealed record CoverageReport(DateTimeOffset AsOf, int NotSeenForDays, CoverageTotals Totals, IReadOnlyList<DeviceRef> Unassigned,
    IReadOnlyList<AupGap> AssignedWithoutCurrentAup, IReadOnlyList<UnseenDevice> NotSeen, IReadOnlyDictionary<string, int> CustodyByState);

public static class CoverageCalculator
{
    /// <summary>
    /// "Without a current AUP" is judged now, from the latest signatures, not from the day of assignment: a lapse after
    /// assignment shows up here. Overridden assignments are listed with their reason.
    /// </summary>
    public static CoverageReport Calculate(IReadOnlyList<Device> devices, IReadOnlyDictionary<string, PersonAupSignatures> signatures,
        IReadOnlyDictionary<Guid, DateTimeOffset> lastSeen, DateTimeOffset now, int notSeenForDays)
    {
        var active = devices.Where(d => d.Ownership == Ownerships.School && d.Status == DeviceStatuses.Active).ToList();
        var unassigned = active.Where(d => d.CurrentAssignment is null).Select(Ref).ToList();
        var gaps = new List<AupGap>();
        foreach (var d in active)
        {
            if (d.CurrentAssignment is not { } a || AssigneeKinds.AupAudience(a.AssigneeKind) is not { } audience) continue;
            var current = signatures.TryGetValue(a.AssigneeId, out var person) && person.HasCurrent(audience);
            if (!current || a.AupOverrideReason is not null)
                gaps.Add(new AupGap(Ref(d), a.AssigneeKind, a.AssigneeId, a.AupOverrideReason is not null, a.AupOverrideReason,
                    a.AupOverrideReason is null ? null : a.AssignedBy, a.AssignedAt));
        }
        var cutoff = now.AddDays(-notSeenForDays);
        var unseen = active.Where(d => !lastSeen.TryGetValue(d.Id, out var seen) || seen < cutoff)
            .Select(d => new UnseenDevice(Ref(d), lastSeen.TryGetValue(d.Id, out var s) ? s : null)).ToList();
        var custody = devices.Where(d => d.CustodyState != CustodyStates.NotHeld)
            .GroupBy(d => d.CustodyState, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var withoutAup = gaps.Count(g => !(signatures.TryGetValue(g.AssigneeId, out var p)
                                            && p.HasCurrent(AssigneeKinds.AupAudience(g.AssigneeKind)!)));
        return new CoverageReport(now, notSeenForDays,
            new CoverageTotals(active.Count, unassigned.Count, withoutAup, gaps.Count(g => g.Overridden), unseen.Count, custody.Values.Sum()),
            unassigned, gaps, unseen, custody);
    }

    private static DeviceRef Ref(Device d) => new(d.Id, d.Kind, d.AssetTag, d.SerialNumber, d.Name);
}

public static class CoverageEndpoint
{
    public static void MapCoverage(this IEndpointRouteBuilder app, string policy) => app.MapGet("/coverage", Handle)
        .RequireAuthorization(policy).WithName("DeviceCoverage")
        .WithSummary("Devices without an assignment, assigned without a current AUP (and overrides), not seen by filtering for N days");

    private static async Task<Results<Ok<CoverageReport>, ValidationProblem>> Handle(int? notSeenForDays, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var days = notSeenForDays ?? 30;
        if (days is < 1 or > 3650)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["notSeenForDays"] = ["Give a number of days from 1 to 3650."] });
        var devices = await session.Query<Device>().ToListAsync(ct);
        var people = devices.Select(d => d.CurrentAssignment?.AssigneeId).OfType<string>().Distinct(StringComparer.Ordinal).ToArray();
        var signatures = people.Length == 0 ? new Dictionary<string, PersonAupSignatures>(StringComparer.Ordinal)
            : (await session.LoadManyAsync<PersonAupSignatures>(ct, people)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var sightings = (await session.Query<DeviceSighting>().ToListAsync(ct)).ToDictionary(s => s.Id, s => s.LastSeenAt);
        return TypedResults.Ok(CoverageCalculator.Calculate(devices, signatures, sightings, clock.GetUtcNow(), days));
    }
}
