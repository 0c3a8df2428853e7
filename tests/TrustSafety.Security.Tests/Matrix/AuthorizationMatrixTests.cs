using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TrustSafety.Security.Tests.Matrix;

/// <summary>
/// Every cell of docs/authorization-matrix.md as a real request: real tokens from identity, through the real gateway,
/// to all five services. Set MATRIX_RECORD=&lt;file&gt; to write the observed table instead of asserting (for review,
/// never to paste blindly over the document).
/// </summary>
public sealed partial class AuthorizationMatrixTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly IReadOnlyList<string> Columns = Subject.All.Select(s => s.Column).ToList();
    /// <summary>Roles without a school: every school is theirs by design, so "other school" does not apply.</summary>
    private static readonly string[] TrustWide = ["trust-lead", "it-admin (trust)"];
    /// <summary>Queries by a key rather than a record: another school's key answers 200 with nothing in it (checked per cell).</summary>
    private static readonly string[] EmptyForOtherSchool =
        ["GET /api/incident/pupils/{pupil}/chronology", "GET /api/incident/pupils/{pupil}/subject-access", "GET /api/incident/pupils/{pupil}/context",
         "GET /api/device-register/pupils/{pupil}/subject-access", "GET /api/consent/pupils/{pupil}/subject-access",
         "GET /api/incident/people/{pupil}/erasure-preview?kind=pupil"];

    [Fact]
    public void the_matrix_document_lists_exactly_the_endpoints_the_test_calls()
    {
        var documented = MatrixDocument.Read().Select(r => r.Key).ToList();
        documented.ShouldBeUnique();
        documented.Except(Endpoints.All.Select(e => e.Key)).ShouldBeEmpty("rows in the document with no request in Endpoints.cs");
        Endpoints.All.Select(e => e.Key).Except(documented).ShouldBeEmpty("endpoints called by the test but missing from the document");
        foreach (var row in MatrixDocument.Read())
            row.Cells.Keys.ShouldBe(Columns, ignoreOrder: false);
    }

    [Fact]
    public void no_cell_of_the_matrix_lets_anyone_succeed_on_another_schools_record()
    {
        var leaks = MatrixDocument.Read()
            .Where(r => !EmptyForOtherSchool.Contains(r.Key))
            .SelectMany(r => r.Cells.Where(c => !TrustWide.Contains(c.Key) && c.Value.Other is >= 200 and < 300).Select(c => $"{c.Key} {r.Key}"))
            .ToList();
        leaks.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_operation_in_every_services_openapi_document_is_a_row_of_the_matrix()
    {
        using var anonymous = await platform.GatewayClientFor(null);
        var documented = Endpoints.All.Select(e => Normalise(e.Verb, e.Path)).ToHashSet();
        var missing = new List<string>();
        foreach (var service in new[] { "incident", "reporting", "device-register", "consent", "filtering-ingest", "notifications", "governance" })
        {
            var openApi = await anonymous.GetFromJsonAsync<JsonElement>($"/api/{service}/openapi/v1.json");
            foreach (var path in openApi.GetProperty("paths").EnumerateObject())
            foreach (var operation in path.Value.EnumerateObject())
            {
                var key = Normalise(operation.Name.ToUpperInvariant(), $"/api/{service}{path.Name}");
                if (!documented.Contains(key)) missing.Add(key);
            }
        }
        missing.ShouldBeEmpty("operations the services expose that the matrix does not test");
    }

    [Fact]
    public async Task every_cell_of_the_authorization_matrix_holds_through_the_gateway()
    {
        var world = new MatrixWorld(platform);
        await world.SeedAsync();
        var expected = File.Exists(MatrixDocument.PathOfDocument()) ? MatrixDocument.Read().ToDictionary(r => r.Key) : [];
        var record = Environment.GetEnvironmentVariable("MATRIX_RECORD");
        using var http = new HttpClient { BaseAddress = platform.Gateway.Address, Timeout = TimeSpan.FromSeconds(60) };

        var observed = new List<MatrixRow>();
        var failures = new List<string>();
        var cells = 0;
        foreach (var endpoint in Endpoints.All)
        {
            var row = new Dictionary<string, Expected>();
            foreach (var subject in Subject.All)
            {
                var own = await StatusAsync(http, await world.RequestAsync(endpoint, subject, otherSchool: false));
                (int Status, string Body)? other = endpoint.HasOtherSchool ? await StatusAsync(http, await world.RequestAsync(endpoint, subject, otherSchool: true)) : null;
                cells += other is null ? 1 : 2;
                row[subject.Column] = new Expected(own.Status, other?.Status);
                if (other is { Status: >= 200 and < 300 } answered && !TrustWide.Contains(subject.Column) && world.OtherSchoolIds.FirstOrDefault(answered.Body.Contains) is { } leaked)
                    failures.Add($"{subject.Column} {endpoint.Key}: another school's record {leaked} in the answer");
                if (own.Status >= 500 || other?.Status >= 500) failures.Add($"{subject.Column} {endpoint.Key}: server error {own.Body}");
                if (record is null && expected.TryGetValue(endpoint.Key, out var documented) && documented.Cells[subject.Column] != row[subject.Column])
                    failures.Add($"{subject.Column} {endpoint.Key}: expected {documented.Cells[subject.Column]}, got {row[subject.Column]} ({Trim(own.Body)})");
            }
            observed.Add(new MatrixRow(endpoint.Service, endpoint.Verb, endpoint.Path, row));
        }

        if (record is not null)
        {
            await File.WriteAllTextAsync(record, MatrixDocument.Render(observed, Columns) + $"\n\n{cells} cells\n");
            return;
        }
        cells.ShouldBeGreaterThan(800);
        failures.ShouldBeEmpty();
    }

    private static async Task<(int Status, string Body)> StatusAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Trim(string body) => body.Length > 200 ? body[..200] : body;

    private static string Normalise(string verb, string path) =>
        verb + " " + Placeholder().Replace(path.Split('?')[0].Replace("/6B/", "/{}/").Replace("/aups/staff", "/aups/{}").Replace("/smoothwall", "/{}"), "{}")
            .TrimEnd('/');

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
