using System.Globalization;
using System.Net;
using System.Text;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Standards;
using TrustSafety.Reporting.Suppression;
using TrustSafety.Reporting.ViewingTrustSummary;

namespace TrustSafety.Reporting.PrintingGovernorPack;

public sealed record PackLine(string Section, string Label, string Value);

/// <summary>
/// A governor pack: aggregates only, small numbers suppressed, never a pupil id, device ref or user ref.
/// Built from <see cref="SchoolFigures"/> by name of figure, so nothing identifying can slip in by accident.
/// </summary>
public sealed record GovernorPack(string Title, string Scope, string Period, DateTimeOffset GeneratedAt, DateTimeOffset? DataAsOf,
    IReadOnlyList<PackLine> Lines)
{
    public static GovernorPack Build(string title, string scope, string period, IncidentMatrix incidents, IReadOnlyList<SchoolFigures> schools,
        IReadOnlyList<StandardsSummary> standards, SuppressionPolicy policy, DateTimeOffset now, DateTimeOffset? asOf)
    {
        var lines = new List<PackLine>();
        foreach (var c in incidents.ByCategory.Where(c => c.Count.Value != 0))
            lines.Add(new("Incidents reported by category", Contracts.Reference.IncidentCategories.LabelOf(c.Category), c.Count.Display));
        lines.Add(new("Incidents reported by category", "All categories", incidents.Total.Display));
        foreach (var m in incidents.ByMonth) lines.Add(new("Incidents reported by month", MonthName(m.Month), m.Count.Display));

        string Shown(int n) => n is > 0 and < 5 ? policy.PrimaryMark : n.ToString(CultureInfo.InvariantCulture);
        string Rate(int n, double rate) => n is > 0 and < 5 ? policy.PrimaryMark : rate.ToString("0.##", CultureInfo.InvariantCulture);

        foreach (var s in schools)
        {
            var prefix = schools.Count > 1 ? s.Name + ": " : "";
            lines.Add(new("Casework", prefix + "Open incidents now", Shown(s.Open.Open)));
            lines.Add(new("Casework", prefix + "Incidents closed in period", Shown(s.Closed)));
            lines.Add(new("Casework", prefix + "Referrals made", Shown(s.Referrals.Sum(r => r.Made))));
            lines.Add(new("Casework", prefix + "Referrals overdue", Shown(s.ReferralsOverdue)));
            if (s.Triage.Triaged >= TrustOverview.MinimumForTimes)
                lines.Add(new("Casework", prefix + "Median hours from report to triage", s.Triage.MedianHours!.Value.ToString("0.#", CultureInfo.InvariantCulture)));
            lines.Add(new("Filtering and monitoring", prefix + "Filter events per 100 pupils", Rate(s.Filtering.Events, s.Filtering.EventsPer100Pupils)));
            lines.Add(new("Filtering and monitoring", prefix + "Safeguarding alerts per 100 pupils", Rate(s.Filtering.Alerts, s.Filtering.AlertsPer100Pupils)));
            foreach (var c in s.Consent)
            {
                lines.Add(new("Consent and acceptable use", prefix + $"Pupils with {Words(c.ConsentType)} consent (%)", Rate(c.Active, c.Percent)));
                lines.Add(new("Consent and acceptable use", prefix + $"Pupils whose {Words(c.ConsentType)} consent was declined (%)",
                    Rate(c.Declined, c.DeclinedPercent)));
            }
            foreach (var a in s.Aup.Where(a => a.PercentOfPupils is not null))
                lines.Add(new("Consent and acceptable use", prefix + "Pupils who signed the current AUP (%)", Rate(a.Signed, a.PercentOfPupils!.Value)));
            lines.Add(new("Devices", prefix + "Devices in use", Shown(s.Devices.Active)));
            lines.Add(new("Devices", prefix + "Devices held in custody", Shown(s.Devices.InCustody)));
        }
        foreach (var e in standards)
        {
            var prefix = standards.Count > 1 ? (schools.FirstOrDefault(s => s.Urn == e.SchoolUrn)?.Name ?? e.SchoolUrn) + ": " : "";
            lines.Add(new("DfE filtering and monitoring standards", prefix + "Senior leader responsible", e.SltMember ?? "not named"));
            lines.Add(new("DfE filtering and monitoring standards", prefix + "Governor responsible", e.Governor ?? "not named"));
            var last = e.LastReview;
            lines.Add(new("DfE filtering and monitoring standards", prefix + "Last annual review",
                last is null ? "none recorded"
                    : string.Create(CultureInfo.InvariantCulture, $"{last.ReviewedOn:d MMMM yyyy}: {Words(last.Outcome)} (next due {last.NextReviewDue:d MMMM yyyy})")));
            if (last?.Checklist is { Count: > 0 } checklist)
            {
                lines.Add(new("DfE filtering and monitoring standards", prefix + "Annual review checklist",
                    string.Create(CultureInfo.InvariantCulture, $"{checklist.Count(a => a.Done == true)} of {checklist.Count} done") +
                    (last.Participants is { } p ? $"; reviewed by {p.Slt} (SLT), {p.Dsl} (DSL) and {p.It} (IT)" : "")));
                foreach (var open in checklist.Where(a => a.Done == false))
                    lines.Add(new("DfE filtering and monitoring standards", prefix + "Review action: " + ReviewChecklist.Items.First(i => i.Code == open.Item).Text,
                        open.Note ?? ""));
            }
            lines.Add(new("DfE filtering and monitoring standards", prefix + "Block/allow decisions recorded", e.Decisions.ToString(CultureInfo.InvariantCulture)));
            lines.Add(new("DfE filtering and monitoring standards", prefix + "Unblock requests from staff (over-blocking review)",
                e.UnblockRequests == 0 ? "none"
                    : string.Create(CultureInfo.InvariantCulture, $"{e.UnblockRequests} asked: {e.UnblockRequestsUnblocked} unblocked, ") +
                      string.Create(CultureInfo.InvariantCulture, $"{e.UnblockRequestsDecided - e.UnblockRequestsUnblocked} kept blocked, {e.OpenUnblockRequests.Count} awaiting a decision") +
                      (e.AverageHoursToDecide is { } hours ? string.Create(CultureInfo.InvariantCulture, $"; {hours:0.#} hours to decide on average") : "")));
        }
        return new GovernorPack(title, scope, period, now, asOf, lines);
    }

    /// <summary>A code as words for a reader (<c>photo-publication</c> → "photo publication").</summary>
    private static string Words(string code) => code.Replace('-', ' ').Replace('_', ' ');

    /// <summary>2029-10 → "October 2029".</summary>
    private static string MonthName(string month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : month;

    public string ToCsv()
    {
        var csv = new StringBuilder("section,label,value\r\n");
        foreach (var l in Lines) csv.Append(Field(l.Section)).Append(',').Append(Field(l.Label)).Append(',').Append(Field(l.Value)).Append("\r\n");
        return csv.ToString();

        static string Field(string v)
        {
            if (v.Length > 0 && "=+-@\t\r".Contains(v[0]) && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                v = "'" + v; // keep spreadsheet formulas out of exported cells
            return v.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        }
    }

    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>").Append(E(Title)).Append("</title>")
            .Append("<style>body{font:11pt/1.4 system-ui,sans-serif;color:#111;margin:2em}h1{font-size:16pt}h2{font-size:13pt;margin-top:1.4em}")
            .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #888;padding:.3em .5em;text-align:left}")
            .Append("td.v{text-align:right;width:12em}caption{text-align:left;font-weight:600}.note{font-size:9pt;color:#333}</style></head><body>")
            .Append("<h1>").Append(E(Title)).Append("</h1><p>").Append(E(Scope)).Append(" · ").Append(E(Period)).Append("</p>")
            .Append("<p class=\"note\">Generated ").Append(GeneratedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(DataAsOf is null ? "; no events received yet" : "; data as of " + DataAsOf.Value.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            .Append(". No pupil is named. ").Append(E(SuppressionPolicy.SmallNumbers.Note)).Append("</p>");
        foreach (var section in Lines.GroupBy(l => l.Section, StringComparer.Ordinal))
        {
            html.Append("<h2>").Append(E(section.Key)).Append("</h2><table><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Value</th></tr></thead><tbody>");
            foreach (var l in section) html.Append("<tr><td>").Append(E(l.Label)).Append("</td><td class=\"v\">").Append(E(l.Value)).Append("</td></tr>");
            html.Append("</tbody></table>");
        }
        return html.Append("</body></html>").ToString();
    }
}
