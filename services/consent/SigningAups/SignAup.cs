using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Pupils;
using TrustSafety.Contracts.Consent;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Consent.SigningAups;

public sealed record RecordAupSignature(string? PersonId, int? Version, string? Channel, string? SignedOn);
public sealed record SignMyAup(int? Version);

public static class SignAup
{
    public static readonly string[] Channels = ["paper", "online", "in-person"];

    public static void MapAupSigning(this RouteGroupBuilder api)
    {
        api.MapPost("/aups/{audience}/signatures", Sign).WithName("RecordAupSignature").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a signature of the current version for a person").ProducesRecordProblems();
        api.MapPost("/aups/me/signature", SignMine).WithName("SignMyAup").RequireAuthorization(PlatformPolicies.SchoolMember)
            .WithSummary("Sign the current staff or governor AUP yourself").ProducesRecordProblems();
    }

    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> Sign(string audience, RecordAupSignature body, IDocumentSession session, SchoolCalendar calendar,
        CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = AupRules.ValidAudience(audience).Id(body.PersonId, "personId")
            .Require(body.Channel is null || Channels.Contains(body.Channel), "channel", $"Give one of: {string.Join(", ", Channels)}.");
        var signedOn = v.Date(body.SignedOn, "signedOn");
        v.Require(signedOn is null || signedOn <= calendar.Today, "signedOn", "A signature cannot be dated in the future.");
        if (!v.IsValid) return v.Problem();
        if (audience == AupAudiences.Pupil && await session.LoadAsync<Pupil>(StreamIds.Pupil(body.PersonId!), ct) is null)
            return Rejections.NotFound("Pupil");
        var signedAt = signedOn is { } d && d < calendar.Today ? new DateTimeOffset(d.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero) : calendar.Now;
        return await Record(session, audience, body.PersonId!, body.Version, body.Channel ?? "paper", signedAt, calendar, user, clock, ct);
    }

    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> SignMine(SignMyAup body, IDocumentSession session, SchoolCalendar calendar, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var audience = user.IsInRole(PlatformRoles.Governor) && !user.IsInAnyRole(PlatformRoles.AnySchoolStaff)
            ? AupAudiences.Governor : AupAudiences.Staff;
        return await Record(session, audience, user.Id, body.Version, "online", calendar.Now, calendar, user, clock, ct);
    }

    /// <summary>
    /// A signature on the one change path: the person's signatory stream fetched for writing (so a first signature starts it as
    /// an AupSignatory stream) and appended at the version read; someone other than a pupil signing for the first time becomes
    /// expected to sign, in the same transaction.
    /// </summary>
    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> Record(IDocumentSession session, string audience, string personId, int? version, string channel,
        DateTimeOffset signedAt, SchoolCalendar calendar, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        var id = StreamIds.AupSignatory(audience, personId);
        return await Change.Record<AupSignatory, Ok<SignatureStatus>>(session, user, clock, [id],
            (signatories, actor, _) => AupRules.Sign(policy, signatories, audience, personId, version, channel, signedAt, actor.Id),
            async _ => TypedResults.Ok(AupRules.Status(policy!, await session.LoadAsync<AupSignatory>(id, ct), personId, calendar.Today)),
            ct, async _ =>
            {
                if (audience != AupAudiences.Pupil && await session.LoadAsync<AupPerson>(AupPerson.KeyOf(audience, personId), ct) is null)
                    session.Store(new AupPerson { Id = AupPerson.KeyOf(audience, personId), Audience = audience, PersonId = personId });
            });
    }
}
