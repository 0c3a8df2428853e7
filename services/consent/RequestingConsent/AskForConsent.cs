using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.Consent.Pupils;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Consent.RequestingConsent;

public sealed record RequestConsent(string? Type, IReadOnlyList<string>? PupilIds, string? ClassName, int? YearGroup);
public sealed record StartRenewalCampaign(IReadOnlyList<string>? Types);
public sealed record RequestsSent(string Type, int Requested, int AlreadyCovered);
public sealed record RenewalCampaignStarted(DateOnly AcademicYearStarting, IReadOnlyList<RequestsSent> Requests);
/// <summary>A consent type to ask about, and the period the answer should cover (null: until withdrawn).</summary>
public sealed record ConsentAsk(ConsentType Type, DateOnly? PeriodEnding);
/// <summary>What asking decided: the requests, each addressed to its pupil's consent stream, and what each type sent.</summary>
public sealed record RequestsDecided(Decision Decision, IReadOnlyList<RequestsSent> Sent);
public sealed record Reminder(string PupilId, string ClassName, int YearGroup, string Type, string Reason, DateTimeOffset? RequestedAt,
    DateOnly? ValidUntil);

public static class AskForConsent
{
    public const string Request = "request";
    public const string Renewal = "renewal";

    /// <summary>
    /// Ask guardians for an answer covering the period ending <paramref name="periodEnding"/> (null: until
    /// withdrawn). Pupils whose current answer already covers it under the current wording are not asked again.
    /// </summary>
    public static ConsentRequested? Decide(ConsentType type, PupilConsent? consent, string pupilId, DateOnly day, DateOnly? periodEnding,
        string reason, DateTimeOffset now, string by)
    {
        var covering = consent?.Latest is { Kind: DecisionKind.Given } given
            && (given.ValidUntil is null || (periodEnding is { } end && given.ValidUntil >= end))
            && type.SupersedingWording(given.WordingVersion, day) is null;
        var declinedNow = consent?.Latest is { Kind: DecisionKind.Declined or DecisionKind.Withdrawn } && reason == Request;
        return covering || declinedNow ? null
            : new ConsentRequested(pupilId, type.Code, type.CurrentWording.Version, reason, periodEnding, now, by);
    }

    /// <summary>
    /// Pure: ask about every type for every pupil at once, each by the rule above, so a campaign is one decision saved in one
    /// transaction. Consents are keyed by stream id (null: never asked nor answered).
    /// </summary>
    public static RequestsDecided Decide(IReadOnlyDictionary<Guid, PupilConsent?> consents, IReadOnlyList<ConsentAsk> asks,
        IReadOnlyList<string> pupilIds, DateOnly day, string reason, DateTimeOffset now, string by)
    {
        // Collected, then added at once: a campaign addresses every pupil on roll for several types.
        var requests = new List<StreamEvent>();
        var sent = new List<RequestsSent>(asks.Count);
        foreach (var (type, periodEnding) in asks)
        {
            var before = requests.Count;
            foreach (var pupilId in pupilIds)
            {
                var id = StreamIds.PupilConsent(pupilId, type.Code);
                if (Decide(type, consents.GetValueOrDefault(id), pupilId, day, periodEnding, reason, now, by) is { } e)
                    requests.Add(new StreamEvent(id, e));
            }
            var requested = requests.Count - before;
            sent.Add(new RequestsSent(type.Code, requested, pupilIds.Count - requested));
        }
        return new RequestsDecided(Decision.Nothing.AlsoOn(requests), sent);
    }

    /// <summary>Pure: what is due for a reminder on <paramref name="today"/>.</summary>
    public static string? ReminderReason(ConsentType type, PupilConsent? consent, DateOnly today, int withinDays)
    {
        if (type.Mode == ConsentMode.OptOut || consent is null) return null;
        var latest = consent.Latest;
        if (consent.LastRequestedAt is { } asked && (latest is null || latest.At < asked)) return "no-response";
        if (latest is { Kind: DecisionKind.Given, ValidUntil: { } until } && until >= today && until.DayNumber - today.DayNumber <= withinDays)
            return "expiring";
        return null;
    }

    public static void MapConsentRequests(this RouteGroupBuilder api)
    {
        api.MapPost("/consent-requests", RequestFor).WithName("RequestConsent").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Ask guardians for consent: by pupils, class or year group").ProducesRecordProblems();
        api.MapPost("/renewal-campaigns", Renew).WithName("StartRenewalCampaign").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Re-request every annual opt-in type for the next academic year, for pupils still on roll then")
            .ProducesRecordProblems();
        api.MapGet("/reminders", Reminders).WithName("ListConsentReminders").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Requests without an answer and consents expiring within 'within' days (default 30)");
    }

    private static async Task<Results<Ok<RequestsSent>, ValidationProblem, ProblemHttpResult>> RequestFor(RequestConsent body, IDocumentSession session, SchoolCalendar calendar, CurrentUser user,
        TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors().Code(body.Type, "type");
        var scopes = (body.PupilIds is { Count: > 0 } ? 1 : 0) + (body.ClassName is not null ? 1 : 0) + (body.YearGroup is not null ? 1 : 0);
        v.Require(scopes == 1, "scope", "Give exactly one of pupilIds, className or yearGroup.");
        foreach (var (id, i) in (body.PupilIds ?? []).Select((id, i) => (id, i))) v.Id(id, $"pupilIds[{i}]");
        if (!v.IsValid) return v.Problem();
        var type = await session.LoadAsync<ConsentType>(StreamIds.ConsentType(body.Type!), ct);
        if (type is null) return Rejections.NotFound("Consent type");

        var today = calendar.Today;
        IReadOnlyList<Pupil> pupils = body.PupilIds is { Count: > 0 } ids
            ? (await session.LoadManyAsync<Pupil>(ct, ids.Select(StreamIds.Pupil).ToArray())).ToList()
            : body.ClassName is { } cls
                ? await session.Query<Pupil>().Where(p => p.ClassName == cls).ToListAsync(ct)
                : await session.Query<Pupil>().Where(p => p.YearGroup == body.YearGroup).ToListAsync(ct);
        if (body.PupilIds is { Count: > 0 } asked && pupils.Count != asked.Distinct(StringComparer.Ordinal).Count())
            return new FieldErrors().Add("pupilIds", "Every pupil must be on the roster first (POST /roster): "
                + string.Join(", ", asked.Except(pupils.Select(p => p.PupilId), StringComparer.Ordinal))).Problem();
        ConsentAsk[] asks = [new(type, type.ValidUntil(today, calendar.Year))];
        var onRoll = pupils.Where(p => p.OnRoll(today)).Select(p => p.PupilId).ToList();
        return await Send(session, user, clock, await Read(session, asks, onRoll, ct), asks, onRoll, today, Request,
            sent => TypedResults.Ok(sent[0]), ct);
    }

    private static async Task<Results<Ok<RenewalCampaignStarted>, ValidationProblem, ProblemHttpResult>> Renew(StartRenewalCampaign body, IDocumentSession session, SchoolCalendar calendar,
        CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var v = new FieldErrors();
        foreach (var (code, i) in (body.Types ?? []).Select((c, i) => (c, i))) v.Code(code, $"types[{i}]");
        if (!v.IsValid) return v.Problem();
        var types = (await session.Query<ConsentType>().ToListAsync(ct))
            .Where(t => t.Mode == ConsentMode.OptIn && t.Renewal.Kind == RenewalKind.AcademicYear)
            .Where(t => body.Types is not { Count: > 0 } || body.Types.Contains(t.Code, StringComparer.Ordinal)).ToList();
        var today = calendar.Today;
        var nextYearStarts = calendar.Year.EndOfYearContaining(today).AddDays(1);
        var pupils = (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(nextYearStarts)).Select(p => p.PupilId).ToList();
        var asks = types.Select(t => new ConsentAsk(t, t.ValidUntil(nextYearStarts, calendar.Year))).ToList();
        return await Send(session, user, clock, await Read(session, asks, pupils, ct), asks, pupils, today, Renewal,
            sent => TypedResults.Ok(new RenewalCampaignStarted(nextYearStarts, sent)), ct);
    }

    /// <summary>
    /// Every consent the asks concern, read in one query with its stream version (a campaign covers every pupil on roll for
    /// several types, so never a fetch per stream); version 0 for a consent never asked nor answered.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, Versioned<PupilConsent>>> Read(IQuerySession session, IReadOnlyList<ConsentAsk> asks,
        IReadOnlyList<string> pupilIds, CancellationToken ct)
    {
        var ids = asks.SelectMany(a => pupilIds.Select(p => StreamIds.PupilConsent(p, a.Type.Code))).Distinct().ToArray();
        var read = (await session.LoadManyAsync<PupilConsent>(ct, ids)).ToDictionary(c => c.Id, c => new Versioned<PupilConsent>(c, c.Version));
        foreach (var id in ids) read.TryAdd(id, new Versioned<PupilConsent>(null, 0));
        return read;
    }

    /// <summary>
    /// Asks on the one change path: one decision over every consent <paramref name="read"/>, saved in one transaction at the
    /// versions read, so an answer recorded between the read and the save fails the whole request (412) and nothing is sent.
    /// </summary>
    internal static async Task<Results<TResult, ValidationProblem, ProblemHttpResult>> Send<TResult>(IDocumentSession session, CurrentUser user,
        TimeProvider clock, IReadOnlyDictionary<Guid, Versioned<PupilConsent>> read, IReadOnlyList<ConsentAsk> asks, IReadOnlyList<string> pupilIds,
        DateOnly today, string reason, Func<IReadOnlyList<RequestsSent>, TResult> respond, CancellationToken ct) where TResult : IResult
    {
        IReadOnlyList<RequestsSent> sent = [];
        return await Change.Record<PupilConsent, TResult>(session, user, clock, read,
            (consents, actor, now) =>
            {
                var decided = Decide(consents, asks, pupilIds, today, reason, now, actor.Id);
                sent = decided.Sent;
                return decided.Decision;
            },
            _ => Task.FromResult(respond(sent)), ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<Reminder>>, ValidationProblem>> Reminders(int? within, IQuerySession session, SchoolCalendar calendar, CancellationToken ct)
    {
        if (within is < 0 or > 366) return new FieldErrors().Add("within", "Give a number of days between 0 and 366.").Problem();
        var today = calendar.Today;
        var types = (await session.Query<ConsentType>().ToListAsync(ct)).ToDictionary(t => t.Code, StringComparer.Ordinal);
        var pupils = (await session.Query<Pupil>().ToListAsync(ct)).Where(p => p.OnRoll(today)).ToDictionary(p => p.PupilId, StringComparer.Ordinal);
        var consents = await session.Query<PupilConsent>().ToListAsync(ct);
        var due = consents
            .Where(c => types.ContainsKey(c.TypeCode) && pupils.ContainsKey(c.PupilId))
            .Select(c => (c, reason: ReminderReason(types[c.TypeCode], c, today, within ?? 30)))
            .Where(x => x.reason is not null)
            .Select(x => new Reminder(x.c.PupilId, pupils[x.c.PupilId].ClassName, pupils[x.c.PupilId].YearGroup, x.c.TypeCode, x.reason!,
                x.c.LastRequestedAt, x.c.Latest?.ValidUntil))
            .OrderBy(r => r.ClassName, StringComparer.Ordinal).ThenBy(r => r.PupilId, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<Reminder>>(due);
    }
}
