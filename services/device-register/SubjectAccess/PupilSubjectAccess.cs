using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.DeviceRegister.SubjectAccess;

public sealed record PupilDeviceRecord(
    Guid DeviceId, string Kind, string Ownership, string? Make, string? Model, string? AssetTag, bool OwnedByPupil,
    IReadOnlyList<Assignment> Assignments, string CustodyState, IReadOnlyList<CustodyStep> Custody);

public sealed record PupilDeviceSubjectAccess(
    string Service, string PupilId, DateTimeOffset ProducedAt, IReadOnlyList<PupilDeviceRecord> Devices, PersonAupSignatures? AupSignatures);

/// <summary>
/// What the register holds about one pupil: devices assigned to them (only their own assignments) and their own
/// phone's custody chain. The DSL of the pupil's school only.
/// </summary>
public static class PupilSubjectAccess
{
    public static WebApplication MapPupilSubjectAccess(this WebApplication app)
    {
        app.MapGet("/pupils/{pupilId}/subject-access", Handle)
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithTags("Data protection")
            .WithName("ExportPupilDeviceSubjectAccess")
            .WithSummary("Subject-access export of one pupil's device assignments and phone custody (DSL)")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<PupilDeviceSubjectAccess>, ProblemHttpResult>> Handle(
        string pupilId, IQuerySession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the DSL can export a pupil's data",
                detail: "Subject-access requests go to the school's DSL.");
        var devices = await session.Query<Device>()
            .Where(d => d.OwnerPupilId == pupilId || d.Assignments.Any(a => a.AssigneeKind == AssigneeKinds.Pupil && a.AssigneeId == pupilId))
            .ToListAsync(ct);
        var signatures = await session.LoadAsync<PersonAupSignatures>(pupilId, ct);
        return TypedResults.Ok(new PupilDeviceSubjectAccess("device-register", pupilId, clock.GetUtcNow(),
            devices.Select(d => RecordOf(d, pupilId)).ToList(), signatures));
    }

    public static PupilDeviceRecord RecordOf(Device d, string pupilId)
    {
        var owned = d.OwnerPupilId == pupilId;
        return new(d.Id, d.Kind, d.Ownership, d.Make, d.Model, d.AssetTag, owned,
            d.Assignments.Where(a => a.AssigneeKind == AssigneeKinds.Pupil && a.AssigneeId == pupilId).ToList(),
            owned ? d.CustodyState : "not-shown", owned ? d.Custody : []);
    }
}
