namespace TrustSafety.ServiceDefaults.Http;

/// <summary>
/// The bounds every paged list shares: <c>page</c> from 1 to <see cref="MaxPage"/>, <c>pageSize</c> from 1 to
/// <see cref="MaxPageSize"/>, so the row offset <c>(page - 1) × pageSize</c> always fits and a bad query is a 400
/// naming the field, never a 500.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxPage = 10_000;

    /// <summary>Each bad parameter with the fix, keyed by the query parameter's name; empty when both are fine.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(int? page, int? pageSize)
    {
        if (page is < 1 or > MaxPage) yield return ("page", $"page must be from 1 to {MaxPage}.");
        if (pageSize is < 1 or > MaxPageSize) yield return ("pageSize", $"pageSize must be from 1 to {MaxPageSize}.");
    }
}
