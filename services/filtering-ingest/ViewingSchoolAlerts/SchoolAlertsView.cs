using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.FilteringIngest.ViewingSchoolAlerts;

/// <summary>?minSeverity=&amp;category=&amp;vendor=&amp;from=&amp;to=&amp;page=&amp;pageSize=&amp;sort= as given, so every bad value is named in one 400.</summary>
public sealed record AlertFilter(string? MinSeverity, string? Category, string? Vendor, string? From, string? To, string? Page, string? PageSize,
    string? Sort = null);

/// <summary>One alert as a person reads it: our severity beside the vendor's; URL, host and search term for the DSL only.</summary>
public sealed record SchoolAlert(
    Guid AlertId, DateTimeOffset RaisedAt, DateTimeOffset OccurredAt, string Vendor, string? Product, int Severity, string? VendorSeverity,
    string Category, string FourC, string? VendorCategoryId, string? VendorCategoryLabel, string Action, string? Url, string? Host,
    string? SearchTerm, string? UserRef, string? DeviceRef);

public sealed record SchoolAlertPage(int Page, int PageSize, int Total, IReadOnlyList<SchoolAlert> Alerts);

/// <summary>
/// A school's filter alerts (severity ≥ 4, IWF / CTIRU), filtered, sorted and paged in the database: by risk (the
/// default: our severity, then illegal content (IWF / CTIRU), then self-harm, then the newest) or newest first. Only the
/// school's own staff who act on alerts read it; what was visited or searched is shown to its DSL and deputy DSL only.
/// </summary>
public static class SchoolAlertsView
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 25;

    public static IEndpointRouteBuilder MapSchoolAlertsView(this IEndpointRouteBuilder app)
    {
        app.MapGet("/alerts", List).WithTags("Events").WithName("ListSchoolFilterAlerts")
            .WithSummary("The caller's school's filter alerts, highest risk first (our severity, IWF/CTIRU, self-harm, then newest) or ?sort=newest: ?minSeverity=1-5&category=<uksic>&vendor=&from=&to=&page=&pageSize=&sort=risk|newest")
            .RequireAuthorization(p => p.RequireClaim(PlatformClaims.School)
                .RequireRole(PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher));
        return app;
    }

    public const string ByRisk = "risk";
    public const string Newest = "newest";

    public sealed record ValidFilter(int? MinSeverity, string? Category, string? Vendor, DateTimeOffset? From, DateTimeOffset? To, int Page, int PageSize,
        string Sort = ByRisk);

    public static (ValidFilter? Filter, Dictionary<string, string[]> Errors) Validate(AlertFilter f)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? minSeverity = null;
        if (f.MinSeverity is not null)
        {
            if (int.TryParse(f.MinSeverity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s is >= 1 and <= 5) minSeverity = s;
            else errors["minSeverity"] = ["minSeverity is a whole number from 1 (informational) to 5 (imminent risk / illegal)."];
        }
        if (f.Category is not null && !Uksic.BySeriousness.Contains(f.Category, StringComparer.Ordinal))
            errors["category"] = [$"category must be one of {string.Join(", ", Uksic.BySeriousness)}."];
        if (f.Vendor is { Length: 0 or > 64 }) errors["vendor"] = ["vendor is 1–64 characters, e.g. fortinet, smoothwall, cef."];
        var from = Instant(f.From, "from", errors);
        var to = Instant(f.To, "to", errors);
        if (from is not null && to is not null && from > to) errors["to"] = ["to must not be before from."];
        var page = Whole(f.Page, "page", 1, 100_000, 1, "page is a whole number from 1.", errors);
        var pageSize = Whole(f.PageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, $"pageSize is a whole number from 1 to {MaxPageSize}; leave it out for {DefaultPageSize}.", errors);
        if (f.Sort is not (null or ByRisk or Newest)) errors["sort"] = [$"sort is '{ByRisk}' (highest risk first, the default) or '{Newest}' (newest first)."];
        return errors.Count > 0 ? (null, errors) : (new ValidFilter(minSeverity, f.Category, f.Vendor, from, to, page, pageSize, f.Sort ?? ByRisk), errors);
    }

    private static DateTimeOffset? Instant(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)) return at;
        errors[field] = [$"{field} is an ISO 8601 date or date-time, e.g. 2026-11-21 or 2026-11-21T09:00:00Z."];
        return null;
    }

    private static int Whole(string? value, string field, int min, int max, int fallback, string message, Dictionary<string, string[]> errors)
    {
        if (value is null) return fallback;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        errors[field] = [message];
        return fallback;
    }

    private static async Task<Results<Ok<SchoolAlertPage>, ValidationProblem>> List([AsParameters] AlertFilter query, IDocumentStore store, CurrentUser user, CancellationToken ct)
    {
        var (filter, errors) = Validate(query);
        if (filter is null) return TypedResults.ValidationProblem(errors, title: "The alert filters are not valid");

        // Marten's LINQ over event data (QueryRawEventDataOnly) looks events up by the type's default alias, not the
        // versioned name they are stored under (filter_alert_raised.v1), so the filters are SQL over the stored JSON.
        var where = new List<string> { "type = ?", "tenant_id = ?", "is_archived = false" };
        var args = new List<object> { IngestStore.AlertEventName, user.Tenant };
        if (filter.MinSeverity is { } min) { where.Add("(data -> 'Event' ->> 'Severity')::int >= ?"); args.Add(min); }
        if (filter.Category is { } category) { where.Add("data -> 'Event' ->> 'Uksic' = ?"); args.Add(category); }
        if (filter.Vendor is { } vendor) { where.Add("data ->> 'Vendor' = ?"); args.Add(vendor); }
        if (filter.From is { } from) { where.Add("(data -> 'Event' ->> 'OccurredAt')::timestamptz >= ?"); args.Add(from.ToUniversalTime()); }
        if (filter.To is { } to) { where.Add("(data -> 'Event' ->> 'OccurredAt')::timestamptz <= ?"); args.Add(to.ToUniversalTime()); }
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_events";
        var condition = string.Join(" and ", where);

        await using var session = store.QuerySession(user.Tenant);
        var total = (await session.QueryAsync<int>($"select count(*)::int from {table} where {condition}", ct, args.ToArray())).Single();
        const string newest = "(data -> 'Event' ->> 'OccurredAt')::timestamptz desc, seq_id desc";
        var order = filter.Sort == Newest ? newest
            : $"(data -> 'Event' ->> 'Severity')::int desc, (data -> 'Event' ->> 'Uksic') in ('{Uksic.Iwf}', '{Uksic.Ctiru}') desc, " +
              $"(data -> 'Event' ->> 'Uksic') = '{Uksic.SelfHarm}' desc, {newest}";
        var page = await session.QueryAsync<FilterAlertRaised>(
            $"select data from {table} where {condition} order by {order} limit ? offset ?",
            ct, [.. args, filter.PageSize, (filter.Page - 1) * filter.PageSize]);

        // What a child visited or searched for is the DSL's to see, not the head's (who sees that an alert happened).
        var seesDetail = user.IsInAnyRole(PlatformRoles.Dsl, PlatformRoles.DeputyDsl);
        return TypedResults.Ok(new SchoolAlertPage(filter.Page, filter.PageSize, total, page.Select(a => new SchoolAlert(
            a.AlertId, a.RaisedAt, a.Event.OccurredAt, a.Vendor, a.Event.Product, a.Event.Severity, a.Event.VendorSeverity,
            a.Event.Uksic, a.Event.FourC, a.Event.VendorCategoryId, a.Event.VendorCategoryLabel, a.Event.Action,
            seesDetail ? a.Event.Url : null, seesDetail ? a.Event.Host : null, seesDetail ? a.Event.SearchTerm : null,
            a.Event.UserRef, a.Event.DeviceRef)).ToList()));
    }
}
