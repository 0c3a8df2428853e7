using System.Net;
using System.Text.Json;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.ExportingAuditTrail;

/// <summary>GET /audit: the DSL's export of the school's audit trail, as JSON or as a CSV file, itself audited.</summary>
public sealed class ExportingAuditTrailApiTests(IncidentApiFixture fixture) : IClassFixture<IncidentApiFixture>
{
    [Fact]
    public async Task the_dsl_exports_the_audit_trail_as_json_and_the_export_is_itself_in_the_next_one()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        var (id, _) = await dsl.ReportAsync();
        await dsl.GetAsync(id, purpose: "Reviewing the case");

        var first = await dsl.GetJsonAsync("/audit");
        first.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        first.GetProperty("count").GetInt32().ShouldBe(first.GetProperty("entries").GetArrayLength());
        first.GetProperty("entries").EnumerateArray()
            .ShouldContain(e => e.GetProperty("kind").GetString() == "read" && e.GetProperty("incidentId").GetGuid() == id);

        var second = await dsl.GetJsonAsync("/audit");
        second.GetProperty("entries").EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "audit-trail-exported");
    }

    [Fact]
    public async Task the_csv_export_is_a_file_named_for_the_school_and_window()
    {
        var dsl = await fixture.ClientFor("dsl.blakehill");
        using var response = await dsl.Http.GetAsync("/audit?format=csv&from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe("audit-141001-20260101-20260131.csv");
        (await response.Content.ReadAsStringAsync()).ShouldStartWith("at,kind,incidentId,by,byName,detail\n");
    }

    [Fact]
    public async Task only_the_dsl_exports_and_a_bad_window_or_format_is_refused_field_by_field()
    {
        var deputy = await fixture.ClientFor("deputy.blakehill");
        using var notDsl = await deputy.Http.GetAsync("/audit");
        (await notDsl.ShouldBeProblem(HttpStatusCode.Forbidden)).GetProperty("title").GetString().ShouldBe("Only the DSL can export the audit trail");

        var dsl = await fixture.ClientFor("dsl.blakehill");
        using var invalid = await dsl.Http.GetAsync("/audit?format=xml&from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        var problem = await invalid.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["format", "from"], ignoreOrder: true);
    }
}
