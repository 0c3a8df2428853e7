using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.ExportingSubjectAccess;

/// <summary>The export itself is a fact on the school's data-protection stream (as incident records its exports).</summary>
public sealed record PupilSubjectAccessExported(string PupilId, string By, string ByName, DateTimeOffset At, int ConsentRecords,
    int AupRecords);

public sealed record RosterRecord(string ClassName, int YearGroup, DateOnly? LeavingDate);

/// <summary>
/// One thing that happened to one of the pupil's consents: <c>requested</c>, <c>given</c>, <c>declined</c>,
/// <c>withdrawn</c> or <c>expired</c>; who answered (the respondent and their relationship), the channel, and who recorded it.
/// </summary>
public sealed record ConsentRecord(
    DateTimeOffset At, string Type, string What, int? WordingVersion, string? RespondentId, string? Relationship, string? Channel,
    DateOnly? EffectiveOn, DateOnly? ValidUntil, string? RecordedBy, string? Reason);

/// <summary>One of the pupil's AUP signatures (<c>signed</c>) or its lapse (<c>lapsed</c>).</summary>
public sealed record AupRecord(DateTimeOffset At, string Audience, string What, int Version, string? Channel, string? RecordedBy,
    DateOnly? LapsedOn, string? Reason);

public sealed record PupilConsentSubjectAccess(
    string Service, string PupilId, DateTimeOffset ProducedAt, RosterRecord? Roster, IReadOnlyList<ConsentRecord> Consents,
    IReadOnlyList<AupRecord> AupSignatures);

/// <summary>
/// Everything consent holds about one pupil of the caller's school: roster placement, every consent request,
/// response, withdrawal and expiry, and every AUP signature and lapse, from the events (so who recorded each is kept).
/// The DSL only; an unknown pupil is an empty export, as in incident and device-register.
/// </summary>
public static class PupilSubjectAccess
{
    public static void MapSubjectAccess(this RouteGroupBuilder api) => api
        .MapGet("/pupils/{pupilId}/subject-access", Handle)
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithTags("Data protection")
        .WithName("ExportPupilConsentSubjectAccess")
        .WithSummary("Subject-access export of one pupil's consent records and AUP signatures with their history (DSL); the export is audited")
        .ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<Results<Ok<PupilConsentSubjectAccess>, ProblemHttpResult>> Handle(
        string pupilId, IDocumentSession session, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!user.IsInRole(PlatformRoles.Dsl))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the DSL can export a pupil's data",
                detail: "Subject-access requests go to the school's DSL.");

        var pupil = await session.LoadAsync<Pupil>(StreamIds.Pupil(pupilId), ct);
        var consentStreams = await session.Query<PupilConsent>().Where(c => c.PupilId == pupilId).Select(c => c.Id).ToListAsync(ct);
        var events = new List<IEvent>();
        foreach (var stream in consentStreams)
            events.AddRange(await session.Events.FetchStreamAsync(stream, token: ct));
        events.AddRange(await session.Events.FetchStreamAsync(
            StreamIds.AupSignatory(Contracts.Consent.AupAudiences.Pupil, pupilId), token: ct));

        var now = clock.GetUtcNow();
        var report = ReportOf(pupilId, pupil, events.Select(e => e.Data), now);
        session.Events.Append(StreamIds.DataProtection, new PupilSubjectAccessExported(pupilId, user.Id, user.Name, now,
            report.Consents.Count, report.AupSignatures.Count));
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(report);
    }

    /// <summary>Pure: the export from the pupil's events, oldest first; records of anyone else are left out.</summary>
    public static PupilConsentSubjectAccess ReportOf(string pupilId, Pupil? pupil, IEnumerable<object> events, DateTimeOffset now)
    {
        var all = events.ToList();
        var consents = all.Select(e => e switch
            {
                ConsentRequested r when r.PupilId == pupilId => new ConsentRecord(r.At, r.TypeCode, "requested", r.WordingVersion, null, null,
                    null, null, r.ForPeriodEnding, r.RequestedBy, r.Reason),
                ConsentGranted g when g.PupilId == pupilId => new ConsentRecord(g.At, g.TypeCode, "given", g.WordingVersion,
                    g.Respondent.RespondentId, g.Respondent.Relationship, g.Respondent.Channel, g.EffectiveOn, g.ValidUntil, g.RecordedBy, null),
                ConsentRefused d when d.PupilId == pupilId => new ConsentRecord(d.At, d.TypeCode, "declined", d.WordingVersion,
                    d.Respondent.RespondentId, d.Respondent.Relationship, d.Respondent.Channel, d.EffectiveOn, null, d.RecordedBy, null),
                ConsentRevoked w when w.PupilId == pupilId => new ConsentRecord(w.At, w.TypeCode, "withdrawn", null,
                    w.Respondent.RespondentId, w.Respondent.Relationship, w.Respondent.Channel, w.EffectiveOn, null, w.RecordedBy, null),
                ConsentLapsed x when x.PupilId == pupilId => new ConsentRecord(x.At, x.TypeCode, "expired", x.WordingVersion, null, null,
                    null, x.ExpiredOn, null, null, x.Reason),
                _ => null,
            })
            .OfType<ConsentRecord>().OrderBy(r => r.At).ThenBy(r => r.Type, StringComparer.Ordinal).ToList();
        var aups = all.Select(e => e switch
            {
                AupSignatureRecorded s when s.PersonId == pupilId => new AupRecord(s.SignedAt, s.Audience, "signed", s.Version, s.Channel,
                    s.RecordedBy, null, null),
                AupSignatureLapsed l when l.PersonId == pupilId => new AupRecord(l.At, l.Audience, "lapsed", l.LapsedVersion, null, null,
                    l.LapsedOn, l.Reason),
                _ => null,
            })
            .OfType<AupRecord>().OrderBy(r => r.At).ToList();
        var roster = pupil is null ? null : new RosterRecord(pupil.ClassName, pupil.YearGroup, pupil.LeavingDate);
        return new PupilConsentSubjectAccess("consent", pupilId, now, roster, consents, aups);
    }
}
