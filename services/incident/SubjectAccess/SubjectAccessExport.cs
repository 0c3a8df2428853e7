using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.SubjectAccess;

public sealed record SubjectAccessExported(string PupilId, string By, string ByName, DateTimeOffset At, int Incidents);

public sealed record SubjectAccessPerson(string Role, string? PupilId, string? Name, string? DateOfBirth);

public sealed record SubjectAccessAction(DateTimeOffset At, string Kind, string What, string Why);

public sealed record SubjectAccessIncident(
    Guid IncidentId, DateTimeOffset ReportedAt, DateTimeOffset HappenedAt, string Status, string? Category, string? FourC,
    string PupilRole, string WhatHappened, string HowItCameToLight, IReadOnlyList<SubjectAccessPerson> People,
    IReadOnlyList<SubjectAccessAction> Actions, IReadOnlyList<string> Referrals, string? Outcome);

public sealed record SubjectAccessReport(
    string Service, string PupilId, DateTimeOffset ProducedAt, IReadOnlyList<SubjectAccessIncident> Incidents, string ReviewBeforeRelease);

/// <summary>
/// Everything this service holds about one pupil, for a subject-access request. Other people appear only by role;
/// actions about another pupil are left out. Free text is the reporter's words and is flagged for review.
/// </summary>
public static class SubjectAccessExport
{
    public const string OtherPerson = "[another person]";

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/pupils/{pupilId}/subject-access", Handle)
        .RequireAuthorization(DataProtectionSetup.DslOnly)
        .WithName("ExportPupilSubjectAccess")
        .WithSummary("Subject-access export of one pupil's incidents (DSL); audited per incident")
        .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<SubjectAccessReport>, ProblemHttpResult>> Handle(
        string pupilId, IDocumentSession session, CurrentUser user, TimeProvider clock, IncidentPersonalData personalData, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl)) return Retention.RetentionApi.OnlyDsl();
        var incidents = await session.Query<OnlineSafetyIncident>().Where(i => i.PupilIds.Contains(pupilId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var report = ReportOf(pupilId, await personalData.OpenAsync(session, incidents, ct), now);
        foreach (var incident in incidents)
            session.Events.Append(AuditStream.For(incident.Id),
                new IncidentRecordRead(incident.Id, user.Id, user.Name, string.Join(",", user.Roles), now, $"subject-access export ({pupilId})"));
        session.Events.Append(DataProtectionStream.Id, new SubjectAccessExported(pupilId, user.Id, user.Name, now, incidents.Count));
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(report);
    }

    public static SubjectAccessReport ReportOf(string pupilId, IReadOnlyList<OnlineSafetyIncident> opened, DateTimeOffset now) => new(
        "incident", pupilId, now,
        opened.OrderBy(i => i.ReportedAt).Select(i => new SubjectAccessIncident(
            i.Id, i.ReportedAt, i.HappenedAt, i.Status, i.Category, i.FourC,
            string.Join(", ", i.People.Where(p => p.PupilId == pupilId).Select(p => p.Role).Distinct(StringComparer.Ordinal)),
            i.WhatHappened, i.HowItCameToLight,
            i.People.Select(p => p.PupilId == pupilId
                ? new SubjectAccessPerson(p.Role, p.PupilId, p.Name, p.DateOfBirth)
                : new SubjectAccessPerson(p.Role, null, OtherPerson, null)).ToList(),
            i.Actions.Where(a => a.PupilId is null || a.PupilId == pupilId).Select(a => new SubjectAccessAction(a.At, a.Kind, a.What, a.Why)).ToList(),
            i.Referrals.Select(r => $"{r.MadeOn:yyyy-MM-dd} {r.Destination}: {r.Outcome ?? "awaiting outcome"}").ToList(),
            OutcomeOf(i.Closure))).ToList(),
        "Free text (whatHappened, howItCameToLight, action reasons) is the reporter's words: redact anyone else it names before release.");

    private static string? OutcomeOf(ClosureRecord? closure) => closure switch
    {
        null => null,
        { OutcomeCode: null } => closure.Outcome,
        { Outcome: "" } => closure.OutcomeCode,
        _ => $"{closure.OutcomeCode}: {closure.Outcome}",
    };
}
