using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Standards;

/// <summary>The change path for the school's standards evidence stream, wrapped once (RecordingFilteringStandards/, RequestingUnblock/).</summary>
public static class StandardsChange
{
    /// <summary>Who may change the evidence.</summary>
    public static readonly string[] Writers = [PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher, PlatformRoles.ItAdmin];

    /// <summary>
    /// A change to the school's evidence on the one change path (If-Match required; the evidence before its first write is
    /// version 0, so "0" starts it). Bad fields are answered before If-Match is asked for; not found (404) and not allowed now
    /// (409) before the version is checked, like every other record.
    /// </summary>
    public static async Task<Results<Ok<FilteringStandardsEvidence>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> Apply(
        CurrentUser user, IDocumentSession session, HttpRequest request, Dictionary<string, string[]> errors,
        Func<FilteringStandardsEvidence, Decision> decide, CancellationToken ct, bool refuseBeforeVersion = false)
    {
        if (!user.IsInAnyRole(Writers)) return TypedResults.Forbid();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var id = FilteringStandardsEvidence.StreamFor(user.Tenant);
        var http = request.HttpContext;
        var changed = await Change.ApplyOrStart<FilteringStandardsEvidence, FilteringStandardsEvidence>(http, session, user,
            http.RequestServices.GetRequiredService<TimeProvider>(), id,
            (existing, _, _) => decide(existing ?? new FilteringStandardsEvidence { Id = id, SchoolUrn = user.Tenant }),
            async _ => (await session.LoadAsync<FilteringStandardsEvidence>(id, ct))!,
            new ChangeRules<FilteringStandardsEvidence>
            {
                // A request that is not there (404) or already answered (409) says so whatever version was sent.
                Admit = refuseBeforeVersion
                    ? (evidence, _) => decide(evidence).Rejection is { } refused and (Missing or NotAllowedNow)
                        ? TypedResults.Problem(statusCode: refused.Status, title: refused.Title, detail: refused.Detail)
                        : null
                    : null,
            });
        return changed.Or<Ok<FilteringStandardsEvidence>, ForbidHttpResult>();
    }
}
