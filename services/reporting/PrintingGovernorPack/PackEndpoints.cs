using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Figures;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.Packs;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.Standards;
using TrustSafety.Reporting.ViewingTrainingCompliance;
using TrustSafety.Reporting.Suppression;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Reporting.PrintingGovernorPack;

public static class PackEndpoints
{
    public const string TrustTenant = "trust";
    private static readonly string[] SchoolPackReaders = [PlatformRoles.Governor, PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher];
    private static readonly string[] Formats = ["html", "csv", "pdf"];

    public static WebApplication MapPacks(this WebApplication app)
    {
        var packs = app.MapGroup("/packs").WithTags("packs");
        packs.MapGet("/school", SchoolPack).WithName("GetSchoolPack").RequireAuthorization(PlatformPolicies.SchoolMember)
            .WithSummary("Governor pack for the caller's school: period=yyyy-MM or yyyy-autumn|spring|summer, format=html|csv|pdf (audited)");
        packs.MapGet("/trust", TrustPack).WithName("GetTrustPack").RequireAuthorization(PlatformPolicies.TrustLead)
            .WithSummary("Trust board pack across all schools (audited)");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult, NotFound>> SchoolPack(
        string? period, string? format, CurrentUser user, ReadModelReader reader, IDocumentStore store, TrustSchools trust, PdfPrinter pdf,
        TimeProvider time, CancellationToken ct)
    {
        if (!user.IsInAnyRole(SchoolPackReaders)) return TypedResults.Forbid();
        var school = trust.Find(user.Tenant);
        if (school is null) return TypedResults.NotFound();
        return await Render([school], $"Governor pack: {school.Name}", school.Name, school.Urn, period, format, user, reader, store, pdf, time, ct);
    }

    private static Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult, NotFound>> TrustPack(
        string? period, string? format, CurrentUser user, ReadModelReader reader, IDocumentStore store, TrustSchools trust, PdfPrinter pdf,
        TimeProvider time, CancellationToken ct) =>
        Render(trust.Schools, $"Trust board pack: {trust.Name}", trust.Name, TrustTenant, period, format, user, reader, store, pdf, time, ct);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ForbidHttpResult, NotFound>> Render(
        IReadOnlyList<School> schools, string title, string scopeName, string tenant, string? period, string? format, CurrentUser user,
        ReadModelReader reader, IDocumentStore store, PdfPrinter pdf, TimeProvider time, CancellationToken ct)
    {
        var (range, label, errors) = PackPeriod.Parse(period);
        format ??= "html";
        if (!Formats.Contains(format)) errors["format"] = ["Use format=html, csv or pdf."];
        if (range is null || errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = time.GetUtcNow();
        var urns = schools.Select(s => s.Urn).ToArray();
        var figures = await reader.Figures(schools, range, detail: false, ct);
        await using var query = store.QuerySession();
        var standards = await query.Query<StandardsSummary>().Where(e => e.TenantIsOneOf(urns)).ToListAsync(ct);
        var policy = SuppressionPolicy.SmallNumbers;
        var pack = GovernorPack.Build(title, scopeName, label,
            IncidentMatrix.Build(schools, range, await reader.IncidentCells(urns, range, ct), policy),
            figures, standards, policy, now,
            (await reader.Freshness(urns, ct)).AsOf);
        var today = SchoolGovernance.Today(time);
        pack = pack with { Lines = [.. pack.Lines, .. SchoolGovernance.PackLines(await SchoolGovernance.ForAsync(store, schools, today, ct), today)] };

        var html = pack.ToHtml();
        var (bytes, contentType) = format switch
        {
            "csv" => (System.Text.Encoding.UTF8.GetBytes(pack.ToCsv()), "text/csv; charset=utf-8"),
            "pdf" => (await pdf.Print(html, ct), "application/pdf"),
            _ => (System.Text.Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"),
        };

        await using var session = store.LightweightSession(tenant);
        var export = new ExportTaken(Guid.CreateVersion7(), tenant, tenant == TrustTenant ? "trust-board" : "school", period!, format, user.Id, user.Name, now);
        session.Events.StartStream(export.ExportId, export);
        session.Store(new ExportRecord { Id = export.ExportId, Scope = export.Scope, Pack = export.Pack, Period = export.Period, Format = export.Format,
            By = export.By, ByName = export.ByName, At = export.At });
        await session.SaveChangesAsync(ct);

        var fileName = $"{(tenant == TrustTenant ? "trust-board" : tenant)}-pack-{period}.{format}";
        return format == "html" ? TypedResults.File(bytes, contentType) : TypedResults.File(bytes, contentType, fileName);
    }
}
