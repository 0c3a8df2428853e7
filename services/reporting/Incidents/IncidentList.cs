using Marten;
using Marten.Pagination;
using TrustSafety.Reporting.Periods;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.Incidents;

/// <summary>One page of a school's incidents, newest first.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, int Page, int PageSize, long Total, bool HasNextPage);

/// <summary>A school's incident list, paged on the server and filtered the way the incident service would filter it.</summary>
public static class IncidentList
{

    /// <summary>The same rule as the incident service: allegations against staff are seen by the DSL and the headteacher only.</summary>
    public static bool SeesStaffAllegations(CurrentUser user) => user.IsInAnyRole(PlatformRoles.StaffAllegationReaders);

    /// <summary>The platform's paging bounds (ServiceDefaults <see cref="ServiceDefaults.Http.Paging"/>), each bad one named.</summary>
    public static (int Page, int PageSize) Paging(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        foreach (var (field, message) in ServiceDefaults.Http.Paging.Problems(page, pageSize)) errors[field] = [message];
        return (page ?? 1, pageSize ?? ServiceDefaults.Http.Paging.DefaultPageSize);
    }

    public static async Task<IncidentPage> Read(IDocumentStore store, string school, MonthRange? range, string? status, string? category,
        bool withStaffAllegations, int page, int pageSize, CancellationToken ct)
    {
        await using var session = store.QuerySession(school);
        IQueryable<IncidentEntry> query = session.Query<IncidentEntry>();
        if (range is not null)
        {
            var (start, end) = (range.Start, range.End);
            query = query.Where(i => i.ReportedAt >= start && i.ReportedAt < end);
        }
        if (status is not null)
        {
            var open = status == "open";
            query = query.Where(i => i.Open == open);
        }
        if (category is not null) query = query.Where(i => i.Category == category);
        if (!withStaffAllegations) query = query.Where(i => !i.AllegationAgainstStaff);
        var paged = await query.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id).ToPagedListAsync(page, pageSize, ct);
        return new IncidentPage(paged.Select(e => e.Row()).OfType<IncidentRow>().ToList(), page, pageSize, paged.TotalItemCount, paged.HasNextPage);
    }
}
