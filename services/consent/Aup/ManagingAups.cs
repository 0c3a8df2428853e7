using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Roster;
using TrustSafety.Contracts.Consent;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Consent.Aup;

public sealed record PublishAupVersion(string? Title, string? DocumentUrl, int? GraceDays);
public sealed record RecordAupSignature(string? PersonId, int? Version, string? Channel, string? SignedOn);
public sealed record SignMyAup(int? Version);
public sealed record AupView(string Audience, Guid AupId, int CurrentVersion, IReadOnlyList<AupVersion> Versions, long Version)
{
    public static AupView Of(AcceptableUsePolicy p) => new(p.Audience, p.Id, p.Current.Version, p.Versions, p.Version);
}

public static class ManagingAups
{
    public static readonly string[] Channels = ["paper", "online", "in-person"];

    public static void MapAups(this RouteGroupBuilder api)
    {
        api.MapGet("/aups", List).WithName("ListAups").RequireAuthorization(PlatformPolicies.SchoolMember);
        api.MapGet("/aups/{audience}", Get).WithName("GetAup").RequireAuthorization(PlatformPolicies.SchoolMember);
        api.MapPost("/aups/{audience}/versions", Publish).WithName("PublishAupVersion").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Publish a new AUP version (If-Match; \"0\" for the first); older signatures lapse after graceDays")
            .ProducesChangeProblems();
        api.MapPut("/aups/{audience}/people/{personId}", Expect).WithName("ExpectAupSignatory").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Add a person (staff, governor, visitor id) expected to sign; pupils come from the roster");
        api.MapDelete("/aups/{audience}/people/{personId}", Unexpect).WithName("StopExpectingAupSignatory").RequireAuthorization(ConsentPolicies.Manage);
        api.MapPost("/aups/{audience}/signatures", Sign).WithName("RecordAupSignature").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Record a signature of the current version for a person").ProducesRecordProblems();
        api.MapPost("/aups/me/signature", SignMine).WithName("SignMyAup").RequireAuthorization(PlatformPolicies.SchoolMember)
            .WithSummary("Sign the current staff or governor AUP yourself").ProducesRecordProblems();
        api.MapGet("/aups/{audience}/signatures/{personId}", StatusOf).WithName("GetAupSignatureStatus").RequireAuthorization(PlatformPolicies.SchoolStaff);
        api.MapGet("/aups/{audience}/unsigned", Unsigned).WithName("ListAupUnsigned").RequireAuthorization(PlatformPolicies.SchoolStaff)
            .WithSummary("Who has not signed the current version (with whether an older signature still counts)");
    }

    private static FieldErrors Audience(string audience) => new FieldErrors().Require(AupRules.Audiences.Contains(audience), "audience",
        $"Use one of: {string.Join(", ", AupRules.Audiences)}.");

    private static async Task<Ok<IReadOnlyList<AupView>>> List(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<AupView>>((await session.Query<AcceptableUsePolicy>().ToListAsync(ct))
            .OrderBy(p => p.Audience, StringComparer.Ordinal).Select(AupView.Of).ToList());

    private static async Task<Results<Ok<AupView>, ProblemHttpResult>> Get(string audience, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        if (policy is null) return Rejections.NotFound("AUP");
        response.SetETag(policy.Version);
        return TypedResults.Ok(AupView.Of(policy));
    }

    private static async Task<Results<Ok<AupView>, ValidationProblem, ProblemHttpResult>> Publish(string audience, PublishAupVersion body,
        HttpContext http, IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock)
    {
        var v = Audience(audience)
            .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 200, "title", "Give a title of 1-200 characters.")
            .Require(body.DocumentUrl is null || Uri.TryCreate(body.DocumentUrl, UriKind.Absolute, out _), "documentUrl",
                "Give an absolute URL of the policy document, or leave it out.")
            .Require(body.GraceDays is null or >= 0 and <= 365, "graceDays", "Give 0-365 days, or leave it out for the configured default.");
        if (!v.IsValid) return v.Problem();
        var graceDays = body.GraceDays ?? calendar.Options.AupGraceDays;
        return await Change.ApplyOrStart<AcceptableUsePolicy, AupView>(http, session, user, clock, StreamIds.Aup(audience),
            (policy, actor, now) => Decision.Accept(AupRules.Publish(policy, audience, body.Title!.Trim(), body.DocumentUrl, graceDays, calendar.Today, now, actor.Id)),
            async _ => AupView.Of((await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), http.RequestAborted))!));
    }

    private static async Task<Results<NoContent, ValidationProblem>> Expect(string audience, string personId, IDocumentSession session, CancellationToken ct)
    {
        var v = Audience(audience).Id(personId, "personId")
            .Require(audience != AupAudiences.Pupil, "audience", "Pupils come from the roster (POST /roster).");
        if (!v.IsValid) return v.Problem();
        session.Store(new AupPerson { Id = AupPerson.KeyOf(audience, personId), Audience = audience, PersonId = personId });
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unexpect(string audience, string personId, IDocumentSession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<AupPerson>(AupPerson.KeyOf(audience, personId), ct);
        if (person is null) return Rejections.NotFound("Person");
        person.Active = false;
        session.Store(person);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> Sign(string audience, RecordAupSignature body, IDocumentSession session, SchoolCalendar calendar,
        CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = Audience(audience).Id(body.PersonId, "personId")
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

    private static async Task<Results<Ok<SignatureStatus>, ValidationProblem, ProblemHttpResult>> StatusOf(string audience, string personId, string? on, IQuerySession session, SchoolCalendar calendar,
        CancellationToken ct)
    {
        var v = Audience(audience);
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        if (policy is null) return Rejections.NotFound("AUP");
        var signatory = await session.LoadAsync<AupSignatory>(StreamIds.AupSignatory(audience, personId), ct);
        return TypedResults.Ok(AupRules.Status(policy, signatory, personId, day));
    }

    private static async Task<Results<Ok<IReadOnlyList<SignatureStatus>>, ValidationProblem, ProblemHttpResult>> Unsigned(string audience, string? on, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        var v = Audience(audience);
        var day = v.Date(on, "on") ?? calendar.Today;
        if (!v.IsValid) return v.Problem();
        var policy = await session.LoadAsync<AcceptableUsePolicy>(StreamIds.Aup(audience), ct);
        if (policy is null) return Rejections.NotFound("AUP");
        var people = audience == AupAudiences.Pupil
            ? (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(day)).Select(p => p.PupilId).ToList()
            : (await session.Query<AupPerson>().Where(p => p.Audience == audience && p.Active).ToListAsync(ct)).Select(p => p.PersonId).ToList();
        var signatories = (await session.Query<AupSignatory>().Where(s => s.Audience == audience).ToListAsync(ct))
            .ToDictionary(s => s.PersonId, StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<SignatureStatus>>(people.Order(StringComparer.Ordinal)
            .Select(id => AupRules.Status(policy, signatories.GetValueOrDefault(id), id, day))
            .Where(s => s.State != SignatureState.Current).ToList());
    }
}
