using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.ViewingItCoverage;

public sealed record IngestSource(Guid SourceId, string Vendor, int Batches, int Events, DateTimeOffset LastAcceptedAt, DateTimeOffset? LastEventAt, bool Quiet);
public sealed record SchoolCoverage(string Urn, string Name, DeviceFigures Devices, IReadOnlyList<IngestSource> Sources);
public sealed record ItCoverageView(IReadOnlyList<SchoolCoverage> Schools, Freshness.Freshness AsOf);

public static class ItCoverageEndpoint
{
    /// <summary>A source with nothing accepted for this long is flagged quiet.</summary>
    public static readonly TimeSpan QuietAfter = TimeSpan.FromHours(24);

    public static WebApplication MapItCoverage(this WebApplication app)
    {
        app.MapGet("/it/coverage", Get).WithName("GetItCoverage").WithTags("it").RequireAuthorization(PlatformPolicies.ItAdmin)
            .WithSummary("Device coverage and custody counts, and filter ingest per source: the trust's IT admin sees every school, a school's IT admin their own");
        return app;
    }

    private static async Task<Ok<ItCoverageView>> Get(CurrentUser user, ReadModelReader reader, TrustSchools trust, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var schools = user.SchoolUrn is null ? trust.Schools : trust.Schools.Where(s => s.Urn == user.SchoolUrn).ToList();
        var urns = schools.Select(s => s.Urn).ToList();
        var devices = await reader.Devices(urns, ct);
        var sources = (await reader.Sources(urns, ct)).ToLookup(s => s.School, StringComparer.Ordinal);
        return TypedResults.Ok(new ItCoverageView(schools.Select(s => new SchoolCoverage(s.Urn, s.Name, devices[s.Urn],
                sources[s.Urn].Select(x => Source(x, now)).ToList())).ToList(),
            await reader.Freshness(schools.Select(s => s.Urn).ToList(), ct)));
    }

    private static IngestSource Source(SourceRow s, DateTimeOffset now)
    {
        var accepted = new DateTimeOffset(DateTime.SpecifyKind(s.LastAcceptedAt, DateTimeKind.Utc));
        return new IngestSource(s.SourceId, s.Vendor, (int)s.Batches, (int)Math.Min(int.MaxValue, s.Events), accepted,
            s.LastEventAt is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null, now - accepted > QuietAfter);
    }
}
