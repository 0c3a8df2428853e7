using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;
using TrustSafety.Platform;

namespace TrustSafety.Consent.PublishingAups;

public sealed record PublishAupVersion(string? Title, string? DocumentUrl, int? GraceDays);
public sealed record AupView(string Audience, Guid AupId, int CurrentVersion, IReadOnlyList<AupVersion> Versions, long Version)
{
    public static AupView Of(AcceptableUsePolicy p) => new(p.Audience, p.Id, p.Current.Version, p.Versions, p.Version);
}

/// <summary>An audience's acceptable-use policy and its versions: read by the school, a new version published by the DSL or head.</summary>
public static class PublishAup
{
    public static void MapAupPublishing(this RouteGroupBuilder api)
    {
        api.MapGet("/aups", List).WithName("ListAups").RequireAuthorization(PlatformPolicies.SchoolMember);
        api.MapGet("/aups/{audience}", Get).WithName("GetAup").RequireAuthorization(PlatformPolicies.SchoolMember);
        api.MapPost("/aups/{audience}/versions", Publish).WithName("PublishAupVersion").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Publish a new AUP version (If-Match; \"0\" for the first); older signatures lapse after graceDays")
            .ProducesChangeProblems();
    }

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
        var v = AupRules.ValidAudience(audience)
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
}
