using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Trust;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Reporting.ItCoverage;

public sealed record IngestSource(Guid SourceId, string Vendor, int Batches, int Events, DateTimeOffset LastAcceptedAt, DateTimeOffset? LastEventAt, bool Quiet);
public sealed record SchoolCoverage(string Urn, string Name, DeviceFigures Devices, IReadOnlyList<IngestSource> Sources);
public sealed record ItCoverageView(IReadOnlyList<SchoolCoverage> Schools, Freshness.Freshness AsOf);

public static class ItCoverageEndpoint
{
    /// <summary>A source with nothing accepted for this long is flagged quiet.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromHours(24);

    public static WebApplication MapItCoverage(this WebApplication app)
    {
        app.MapGet("/it/coverage", Get).WithTags("it").RequireAuthorization(PlatformPolicies.ItAdmin)
            .WithSummary("Device coverage and custody counts, and filter ingest per source: the trust's IT admin sees every school, a school's IT admin their own");
        return app;
    }

    private static async Task<Ok<ItCoverageView>> Get(CurrentUser user, ReadModelReader reader, TrustOptions trust, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var schools = user.SchoolUrn is null ? trust.Schools : trust.Schools.Where(s => s.Urn == user.SchoolUrn).ToList();
        var facts = await reader.Facts(schools, ct);
        var range = Periods.MonthRange.Parse(null, null, now).Range!;
        return TypedResults.Ok(new ItCoverageView(facts.Select(f => new SchoolCoverage(f.School.Urn, f.School.Name,
            SchoolFigures.Compute(f, range, now).Devices, Sources(f.Batches, now))).ToList(),
            await reader.Freshness(schools.Select(s => s.Urn).ToList(), ct)));
    }

    public static IReadOnlyList<IngestSource> Sources(IEnumerable<FilterBatch> batches, DateTimeOffset now) =>
        batches.GroupBy(b => (b.SourceId, b.Vendor)).Select(g => new IngestSource(g.Key.SourceId, g.Key.Vendor, g.Count(), g.Sum(b => b.Events),
                g.Max(b => b.AcceptedAt), g.Max(b => b.LastEventAt), now - g.Max(b => b.AcceptedAt) > QuietAfter))
            .OrderBy(s => s.Vendor).ToList();
}
