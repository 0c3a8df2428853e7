using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.ExportingAuditTrail;

/// <summary>The DSL took a copy of the school's audit trail: itself part of the trail.</summary>
public sealed record AuditTrailExported(string By, string ByName, DateTimeOffset At, DateTimeOffset From, DateTimeOffset To, string Format, int Entries);

public sealed record AuditEntry(DateTimeOffset At, string Kind, Guid? IncidentId, string By, string ByName, string? Detail);

public sealed record AuditTrail(string SchoolUrn, DateTimeOffset From, DateTimeOffset To, int Count, IReadOnlyList<AuditEntry> Entries);

/// <summary>
/// A DSL's export of every audit fact in their school: reads of safeguarding records, refused uploads, imagery
/// views and earlier exports. Reporting keeps the drill-down grants (<c>/api/reporting/grants</c>) and pack exports
/// (<c>/api/reporting/exports</c>).
/// </summary>
public static class ExportAuditTrail
{
    public const int MaxDays = 366;
    public const int MaxEntries = 50_000;

    /// <summary>The school-wide stream for audit facts that belong to no single incident.</summary>
    public static readonly Guid SchoolStream = AuditStream.For(Guid.Empty);

    public static readonly string[] EventNames =
        ["incident_record_read.v1", "imagery_upload_refused.v1", "evidence_upload_refused.v1", "imagery_viewed.v1", "audit_trail_exported.v1"];

    public static Dictionary<string, string[]> Validate(DateTimeOffset? from, DateTimeOffset? to, string? format, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (format is not (null or "json" or "csv")) errors["format"] = ["format must be json or csv."];
        var (start, end) = Window(from, to, now);
        if (start > end) errors["from"] = ["from is after to."];
        else if (end - start > TimeSpan.FromDays(MaxDays)) errors["to"] = [$"Export at most {MaxDays} days at a time; narrow from/to."];
        return errors;
    }

    public static (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now) =>
        (from ?? now.AddDays(-30), to ?? now);

    public static AuditEntry? ToEntry(object data) => data switch
    {
        IncidentRecordRead r => new(r.At, "read", r.IncidentId, r.By, r.ByName, r.Purpose),
        ImageryUploadRefused r => new(r.At, "imagery-upload-refused", r.IncidentId, r.By, r.ByName, $"{r.ContentType}; {r.Category}"),
        EvidenceUploadRefused r => new(r.At, "evidence-upload-refused", r.IncidentId, r.By, r.ByName, r.ContentType),
        ImageryViewed r => new(r.At, "imagery-viewed", r.IncidentId, r.By, r.ByName, r.Reason),
        AuditTrailExported r => new(r.At, "audit-trail-exported", null, r.By, r.ByName,
            $"{r.From:O}..{r.To:O} as {r.Format}, {r.Entries} entries"),
        _ => null,
    };

    public static string Csv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder("at,kind,incidentId,by,byName,detail\n");
        foreach (var e in entries)
            csv.Append(string.Join(',', e.At.ToString("O", CultureInfo.InvariantCulture), e.Kind, e.IncidentId?.ToString() ?? "",
                Field(e.By), Field(e.ByName), Field(e.Detail))).Append('\n');
        return csv.ToString();
    }

    /// <summary>Quoted, and a leading formula character neutralised so a spreadsheet never executes a field.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapGet("/audit", Handle)
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("ExportAuditTrail")
        .WithSummary("The school's audit trail (reads, refused uploads, imagery views, exports) as JSON or CSV; DSL only; the export is itself audited")
        .Produces<AuditTrail>()
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesValidationProblem();

    private static async Task<Results<Ok<AuditTrail>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle([FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to, [FromQuery] string? format,
        IDocumentSession session, CurrentUser user, TimeProvider clock, IncidentPersonalData personalData, CancellationToken ct)
    {
        var actor = Actor.From(user);
        if (!actor.IsDsl)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the DSL can export the audit trail",
                detail: "Ask the school's DSL for an export of the audit trail.");
        var now = clock.GetUtcNow();
        var errors = Validate(from, to, format, now);
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "The export window is not valid",
                detail: "Nothing was exported. Fix the fields listed in errors and send the request again.");
        var (start, end) = Window(from, to, now);

        var tenant = user.Tenant;
        var raw = await session.Events.QueryAllRawEvents()
            .Where(e => e.TenantId == tenant && e.EventTypeName.IsOneOf(EventNames) && e.Timestamp >= start && e.Timestamp <= end)
            .OrderBy(e => e.Sequence).Take(MaxEntries).ToListAsync(ct);
        var facts = await personalData.OpenImageryViewsAsync(session, raw.Select(e => e.Data).ToList(), ct);
        var entries = facts.Select(ToEntry).OfType<AuditEntry>().Where(e => e.At >= start && e.At <= end)
            .OrderBy(e => e.At).ToList();

        var kind = format ?? "json";
        session.Events.Append(SchoolStream, new AuditTrailExported(actor.Id, actor.Name, now, start, end, kind, entries.Count));
        await session.SaveChangesAsync(ct);

        if (kind == "csv")
            return TypedResults.File(Encoding.UTF8.GetBytes(Csv(entries)), "text/csv", $"audit-{tenant}-{start:yyyyMMdd}-{end:yyyyMMdd}.csv");
        return TypedResults.Ok(new AuditTrail(tenant, start, end, entries.Count, entries));
    }
}
