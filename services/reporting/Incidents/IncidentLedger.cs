namespace TrustSafety.Reporting.Incidents;

public sealed record IncidentRow(
    Guid Id, string SchoolUrn, DateTimeOffset ReportedAt, string Category, string? FourC, int? Severity, bool Illegal,
    string? Source, DateTimeOffset? TriagedAt, bool Open, DateTimeOffset? ClosedAt, string? Outcome, bool AllegationAgainstStaff);

/// <summary>Joins the facts about incidents, whatever order they arrived in, into one row per incident.</summary>
public static class IncidentLedger
{
    public const string Uncategorised = "uncategorised";

    public static IReadOnlyList<IncidentRow> Build(
        IEnumerable<ReportedIncident> reported, IEnumerable<TriagedIncident> triaged, IEnumerable<IncidentStatusChange> changes)
    {
        var reports = reported.ToDictionary(r => r.Id);
        var triages = triaged.ToDictionary(t => t.Id);
        var latestChange = changes.GroupBy(c => c.IncidentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ThenBy(c => c.Closed).Last());

        return reports.Keys.Union(triages.Keys).Select(id =>
        {
            reports.TryGetValue(id, out var r);
            triages.TryGetValue(id, out var t);
            latestChange.TryGetValue(id, out var c);
            var closed = c is { Closed: true };
            return new IncidentRow(
                id, r?.SchoolUrn ?? t!.SchoolUrn,
                r?.ReportedAt ?? t!.ReportedAt,
                t?.Category ?? (string.IsNullOrWhiteSpace(r?.Category) ? Uncategorised : r.Category!),
                t?.FourC ?? r?.FourC,
                t?.Severity, t?.Illegal ?? false, r?.Source, t?.FirstTriagedAt, !closed,
                closed ? c!.At : null, closed ? c!.Outcome : null, r?.AllegationAgainstStaff ?? false);
        }).OrderBy(i => i.ReportedAt).ToList();
    }
}
