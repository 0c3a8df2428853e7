using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.Containing;

public sealed record ContainmentRequest(DateOnly? DoneOn, string? What, string? Platform, string? Reference);

public sealed record CopiesNotNeededRequest(string? Rationale);

public static class ContainmentKinds
{
    public const string ContentBlocked = "content-blocked";
    public const string CopiesDeleted = "copies-deleted";
    public const string AccountSuspended = "account-suspended";
    public const string ReportedToPlatform = "reported-to-platform";
    public const string UrlReportedToIwf = "url-reported-to-iwf";

    public static readonly IReadOnlyList<string> All = [ContentBlocked, CopiesDeleted, AccountSuspended, ReportedToPlatform, UrlReportedToIwf];

    public static string Label(string kind) => kind switch
    {
        ContentBlocked => "Content blocked or isolated on the school network",
        CopiesDeleted => "Copies deleted",
        AccountSuspended => "Account suspended",
        ReportedToPlatform => "Reported to the platform",
        UrlReportedToIwf => "URL reported to the IWF",
        _ => kind,
    };
}

/// <summary>Issue 15 point 6: containment actions. Deleting copies waits for the DSL's record that no agency needs them.</summary>
public static class Contain
{
    public static Decision Record(OnlineSafetyIncident incident, string kind, ContainmentRequest r, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before recording containment.");
        var errors = new FieldErrors().OneOf(kind, ContainmentKinds.All, "kind");
        if (errors.Any) return errors.Reject("The containment action could not be recorded");
        errors.PastDate(r.DoneOn, "doneOn", "the date it was done", now)
            .Required(r.What, "what", kind switch
            {
                ContainmentKinds.ContentBlocked => "what was blocked or isolated, and where (e.g. \"URL blocked in the filter; shared drive folder isolated\").",
                ContainmentKinds.CopiesDeleted => "which copies were deleted, from which devices or accounts.",
                ContainmentKinds.AccountSuspended => "which account was suspended (school or platform account).",
                ContainmentKinds.ReportedToPlatform => "what was reported (post, profile or message).",
                _ => "the URL or content reported to the IWF.",
            }, 2000)
            .When(r.Platform?.Length > 200, "platform", "platform must be at most 200 characters.")
            .When(r.Reference?.Length > 200, "reference", "reference must be at most 200 characters.");
        if (kind == ContainmentKinds.ReportedToPlatform)
            errors.Required(r.Platform, "platform", "the platform it was reported to (e.g. \"Snapchat\", \"TikTok\").", 200);
        if (errors.Any) return errors.Reject("The containment action could not be recorded");
        if (kind == ContainmentKinds.CopiesDeleted && CopiesMayBeDeleted(incident) is { } refusal) return refusal;
        return Decision.Accept(new ContainmentRecorded(incident.Id, actionId, kind, actor.Id, actor.Name, now, r.DoneOn!.Value, r.What!.Trim(),
            r.Platform?.Trim(), r.Reference?.Trim()));
    }

    /// <summary>Only once the DSL has recorded, after the last referral, that no agency needs the copies.</summary>
    private static Decision? CopiesMayBeDeleted(OnlineSafetyIncident incident)
    {
        var confirmed = incident.CopiesNotNeeded.LastOrDefault();
        if (confirmed is null)
            return Decision.Conflict("Copies may not be deleted yet",
                "The DSL must first record that no agency (police, IWF, children's social care) needs them: " +
                "POST /incidents/{id}/containment/copies-not-needed with the rationale.");
        if (incident.Referrals.LastOrDefault() is { } referral && referral.At > confirmed.At)
            return Decision.Conflict("Copies may not be deleted yet",
                $"A referral to {referral.Destination} was made after the DSL recorded that no agency needs the copies; " +
                "the DSL must record it again before copies are deleted.");
        return null;
    }

    public static Decision ConfirmCopiesNotNeeded(OnlineSafetyIncident incident, CopiesNotNeededRequest r, Actor actor, DateTimeOffset now, Guid decisionId)
    {
        if (!actor.IsDsl)
            return Decision.Forbidden("Only the DSL can record that no agency needs the copies",
                "Deleting copies can destroy evidence; the designated safeguarding lead decides it. Ask your school's DSL.");
        if (incident.IsClosed)
            return Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before recording a decision.");
        var errors = new FieldErrors().Required(r.Rationale, "rationale",
            "why no agency needs the copies (e.g. \"Police (CAD 4471) confirmed they hold their own copy and need none\").");
        if (errors.Any) return errors.Reject("The decision could not be recorded");
        return Decision.Accept(new CopiesNotNeededConfirmed(incident.Id, decisionId, actor.Id, actor.Name, now, r.Rationale!.Trim()));
    }

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/incidents/{id:guid}/containment/copies-not-needed", (Guid id, CopiesNotNeededRequest request, HttpContext http,
                IDocumentSession session, CurrentUser user, TimeProvider clock) =>
            {
                var decisionId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => ConfirmCopiesNotNeeded(i, request, a, n, decisionId), _ => decisionId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("RecordCopiesNotNeeded")
            .WithSummary("Record that no agency needs the copies held in school, so they may be deleted (DSL only; If-Match required)")
            .ProducesChangeProblems();

        group.MapPost("/incidents/{id:guid}/containment/{kind}", (Guid id, string kind, ContainmentRequest request, HttpContext http,
                IDocumentSession session, CurrentUser user, TimeProvider clock) =>
            {
                var actionId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Record(i, kind, request, a, n, actionId), _ => actionId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("RecordContainment")
            .WithSummary("Record a containment action: content-blocked, copies-deleted, account-suspended, reported-to-platform, url-reported-to-iwf (safeguarding team; If-Match required)")
            .ProducesChangeProblems();
    }
}
