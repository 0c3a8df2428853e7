using Marten;
using Marten.Pagination;
using TrustSafety.Reporting.Periods;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Reporting.Incidents;

/// <summary>One page of a school's incidents, newest first.</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentRow> Items, int Page, int PageSize, long Total, bool HasNextPage);

/// <summary>A school's incident list, paged on the server and filtered the way the incident service would filter it.</summary>
public static class IncidentList
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;
    public const int MaxPage = 100_000;

    /// <summary>The same rule as the incident service: allegations against staff are seen by the DSL and the headteacher only.</summary>
    public static bool SeesStaffAllegations(CurrentUser user) => user.IsInAnyRole(PlatformRoles.StaffAllegationReaders);

    public static (int Page, int PageSize) Paging(int? page, int? pageSize, Dictionary<string, string[]> errors)
    {
        if (page is < 1 or > MaxPage) errors["page"] = [$"'page' counts from 1 and goes up to {MaxPage:N0}."];
        if (pageSize is < 1 or > MaxPageSize) errors["pageSize"] = [$"'pageSize' is between 1 and {MaxPageSize}; leave it out for {DefaultPageSize}."];
        return (page ?? 1, pageSize ?? DefaultPageSize);
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
