using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;
using TrustSafety.Consent.ConsentTypes;

namespace TrustSafety.Consent.ManagingConsentTypes;

public sealed record DefineConsentType(string? Code, string? Name, bool? Photographic, bool? Online, ConsentMode? Mode,
    RenewalPolicy? Renewal, string? Wording);
public sealed record PublishWording(string? Text, bool? RequiresFreshConsent);
public sealed record ChangeConsentSettings(ConsentMode? Mode, RenewalPolicy? Renewal);

/// <summary>The codes of the standard consent types just added (none when the school had them all).</summary>
public sealed record StandardConsentTypesAdded(IReadOnlyList<string> Added);

public sealed record ConsentTypeView(string Code, string Name, bool Photographic, bool Online, ConsentMode Mode, RenewalPolicy Renewal,
    int CurrentWordingVersion, IReadOnlyList<WordingVersion> Wordings, long Version)
{
    public static ConsentTypeView Of(ConsentType t) =>
        new(t.Code, t.Name, t.Photographic, t.Online, t.Mode, t.Renewal, t.CurrentWording.Version, t.Wordings, t.Version);
}

public static class ManageConsentTypes
{
    public static ConsentTypeDefined Define(string code, string name, bool photographic, bool online, ConsentMode mode, RenewalPolicy renewal,
        string wording, DateOnly today, DateTimeOffset now, string by) =>
        new(code, name, photographic, online, mode, renewal, wording, today, now, by);

    /// <summary>Versions are numbered in order; the same text again is not a new version.</summary>
    public static ConsentWordingPublished? PublishWording(ConsentType type, string text, bool requiresFresh, DateOnly today,
        DateTimeOffset now, string by) =>
        type.CurrentWording.Text == text ? null
            : new ConsentWordingPublished(type.Code, type.CurrentWording.Version + 1, text, requiresFresh, today, now, by);

    public static ConsentTypeSettingsChanged? ChangeSettings(ConsentType type, ConsentMode mode, RenewalPolicy renewal, DateTimeOffset now,
        string by) =>
        type.Mode == mode && type.Renewal == renewal ? null : new ConsentTypeSettingsChanged(type.Code, mode, renewal, now, by);

    public static void MapConsentTypes(this RouteGroupBuilder api)
    {
        api.MapGet("/consent-types", List).WithName("ListConsentTypes").RequireAuthorization(PlatformPolicies.SchoolStaff);
        api.MapGet("/consent-types/{code}", Get).WithName("GetConsentType").RequireAuthorization(PlatformPolicies.SchoolStaff);
        api.MapPost("/consent-types", DefineType).WithName("DefineConsentType").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Add a school-specific consent type with its first wording");
        api.MapPost("/consent-types/standard", DefineStandard).WithName("AddStandardConsentTypes").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Add the trust's standard consent types that the school does not have yet");
        api.MapPost("/consent-types/{code}/wordings", Publish).WithName("PublishConsentWording").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Publish a new wording version (If-Match); requiresFreshConsent makes earlier answers stop counting")
            .ProducesChangeProblems();
        api.MapPut("/consent-types/{code}/settings", ChangeTypeSettings).WithName("ChangeConsentTypeSettings").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Opt-in or opt-out, and the renewal policy (If-Match)").ProducesChangeProblems();
    }

    private static async Task<Ok<IReadOnlyList<ConsentTypeView>>> List(IQuerySession session, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ConsentTypeView>>((await session.Query<ConsentType>().OrderBy(t => t.Code).ToListAsync(ct))
            .Select(ConsentTypeView.Of).ToList());

    private static async Task<Results<Ok<ConsentTypeView>, ProblemHttpResult>> Get(string code, IQuerySession session, HttpResponse response, CancellationToken ct)
    {
        var type = await session.LoadAsync<ConsentType>(StreamIds.ConsentType(code), ct);
        if (type is null) return Rejections.NotFound("Consent type");
        response.SetETag(type.Version);
        return TypedResults.Ok(ConsentTypeView.Of(type));
    }

    private static FieldErrors ValidRenewal(FieldErrors v, RenewalPolicy? renewal, string field)
    {
        if (renewal is null) return v;
        if (renewal.EndMonth is null != renewal.EndDay is null)
            v.Add(field, "Give both endMonth and endDay, or neither to use the school's academic-year end.");
        else if (renewal.EndMonth is { } m && (m is < 1 or > 12 || renewal.EndDay < 1 || renewal.EndDay > DateTime.DaysInMonth(2001, m)))
            v.Add(field, "endMonth/endDay must be a real day of the year, e.g. 7 and 31.");
        if (renewal.Kind == RenewalKind.UntilWithdrawn && renewal.EndMonth is not null)
            v.Add(field, "A consent that lasts until withdrawn has no end day; remove endMonth/endDay.");
        return v;
    }

    private static async Task<Results<Created<ConsentTypeView>, ValidationProblem, ProblemHttpResult>> DefineType(DefineConsentType body, IDocumentSession session, SchoolCalendar calendar,
        CurrentUser user, CancellationToken ct)
    {
        var v = new FieldErrors().Code(body.Code, "code")
            .Require(!string.IsNullOrWhiteSpace(body.Name) && body.Name.Length <= 100, "name", "Give a name of 1-100 characters.")
            .Require(!string.IsNullOrWhiteSpace(body.Wording) && body.Wording.Length <= 4000, "wording",
                "Give the wording guardians agree to (1-4000 characters).");
        ValidRenewal(v, body.Renewal, "renewal");
        if (!v.IsValid) return v.Problem();

        var id = StreamIds.ConsentType(body.Code!);
        if (await session.Events.FetchStreamStateAsync(id, ct) is not null)
            return Rejections.Conflict("Consent type exists", $"'{body.Code}' is already defined; publish a new wording instead.");
        var defined = Define(body.Code!, body.Name!.Trim(), body.Photographic ?? false, body.Online ?? false, body.Mode ?? ConsentMode.OptIn,
            body.Renewal ?? new RenewalPolicy(RenewalKind.AcademicYear), body.Wording!.Trim(), calendar.Today, calendar.Now, user.Id);
        session.Events.StartStream<ConsentType>(id, defined);
        await session.SaveChangesAsync(ct);
        var type = await session.LoadAsync<ConsentType>(id, ct);
        return TypedResults.Created($"/consent-types/{body.Code}", ConsentTypeView.Of(type!));
    }

    private static async Task<Ok<StandardConsentTypesAdded>> DefineStandard(IDocumentSession session, SchoolCalendar calendar, CurrentUser user,
        CancellationToken ct)
    {
        var existing = (await session.Query<ConsentType>().Select(t => t.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var s in StandardConsentTypes.All.Where(s => !existing.Contains(s.Code)))
        {
            session.Events.StartStream<ConsentType>(StreamIds.ConsentType(s.Code), Define(s.Code, s.Name, s.Photographic, s.Online,
                ConsentMode.OptIn, new RenewalPolicy(s.Renewal), s.Wording, calendar.Today, calendar.Now, user.Id));
            added.Add(s.Code);
        }
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(new StandardConsentTypesAdded(added));
    }

    private static readonly ChangeRules<ConsentType> Existing = new() { NotFound = () => Rejections.NotFound("Consent type") };

    /// <summary>An event, or the same answer again when the change is no change.</summary>
    private static Decision AcceptIfAny(object? changed) => changed is null ? Decision.Nothing : Decision.Accept(changed);

    private static async Task<Results<Ok<ConsentTypeView>, ValidationProblem, ProblemHttpResult>> Publish(string code, PublishWording body,
        HttpContext http, IDocumentSession session, SchoolCalendar calendar, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Require(!string.IsNullOrWhiteSpace(body.Text) && body.Text.Length <= 4000, "text",
            "Give the new wording (1-4000 characters).");
        if (!v.IsValid) return v.Problem();
        return await Change.Apply<ConsentType, ConsentTypeView>(http, session, user, clock, StreamIds.ConsentType(code),
            (type, actor, now) => AcceptIfAny(PublishWording(type, body.Text!.Trim(), body.RequiresFreshConsent ?? true, calendar.Today, now, actor.Id)),
            _ => ViewOf(session, code, http.RequestAborted), Existing);
    }

    private static async Task<Results<Ok<ConsentTypeView>, ValidationProblem, ProblemHttpResult>> ChangeTypeSettings(string code,
        ChangeConsentSettings body, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock)
    {
        var v = new FieldErrors().Require(body.Mode is not null, "mode", "Give mode: OptIn or OptOut.")
            .Require(body.Renewal is not null, "renewal", "Give renewal, e.g. { \"kind\": \"AcademicYear\" }.");
        ValidRenewal(v, body.Renewal, "renewal");
        if (!v.IsValid) return v.Problem();
        return await Change.Apply<ConsentType, ConsentTypeView>(http, session, user, clock, StreamIds.ConsentType(code),
            (type, actor, now) => AcceptIfAny(ChangeSettings(type, body.Mode!.Value, body.Renewal!, now, actor.Id)),
            _ => ViewOf(session, code, http.RequestAborted), Existing);
    }

    private static async Task<ConsentTypeView> ViewOf(IQuerySession session, string code, CancellationToken ct) =>
        ConsentTypeView.Of((await session.LoadAsync<ConsentType>(StreamIds.ConsentType(code), ct))!);
}
