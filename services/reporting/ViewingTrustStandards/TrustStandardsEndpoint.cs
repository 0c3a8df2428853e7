using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Standards;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingTrustStandards;

public sealed record StandardsStatus(string Urn, string Name, bool SltMemberNamed, bool GovernorNamed, DateOnly? LastReviewOn,
    string? LastReviewOutcome, DateOnly? NextReviewDue, bool ReviewOverdue, int Decisions, int UnblockRequests = 0, int OpenUnblockRequests = 0,
    double? AverageHoursToDecide = null, int? ChecklistDone = null, int? ChecklistItems = null);

public static class TrustStandardsEndpoint
{
    public static WebApplication MapTrustStandards(this WebApplication app)
    {
        app.MapGet("/trust/standards", TrustStatus).WithName("ListTrustFilteringStandards").WithTags("trust").RequireAuthorization(PlatformPolicies.TrustLead)
            .WithSummary("Each school's standards evidence status");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<StandardsStatus>>> TrustStatus(IDocumentStore store, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var session = store.QuerySession();
        var all = await session.Query<StandardsSummary>().Where(e => e.TenantIsOneOf(trust.Schools.Select(s => s.Urn).ToArray())).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<StandardsStatus>>(trust.Schools.Select(s =>
        {
            var e = all.FirstOrDefault(x => x.SchoolUrn == s.Urn);
            var last = e?.LastReview;
            return new StandardsStatus(s.Urn, s.Name, !string.IsNullOrEmpty(e?.SltMember), !string.IsNullOrEmpty(e?.Governor), last?.ReviewedOn,
                last?.Outcome, last?.NextReviewDue, last is null || last.NextReviewDue < today, e?.Decisions ?? 0,
                e?.UnblockRequests ?? 0, e?.OpenUnblockRequests.Count ?? 0, e?.AverageHoursToDecide,
                last?.Checklist?.Count(a => a.Done == true), last?.Checklist?.Count);
        }).ToList());
    }
}
