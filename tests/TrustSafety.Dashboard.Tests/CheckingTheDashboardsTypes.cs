using System.Text.Json.Nodes;

namespace TrustSafety.Dashboard.Tests;

/// <summary>
/// The dashboard's // @ts-check files are checked (./test.sh, `npm run check` in web/) against types generated from the
/// services' OpenAPI documents kept in web/openapi. This test keeps those documents the services' own: each service's
/// /openapi/v1.json (without its "servers", which name this run's port) must equal the file. After changing an API,
/// write them again: <c>TS_WRITE_OPENAPI=1 dotnet test tests/TrustSafety.Dashboard.Tests --filter CheckingTheDashboardsTypes</c>.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class CheckingTheDashboardsTypes(DashboardFixture fixture)
{
    [Fact]
    public async Task the_openapi_documents_the_dashboards_types_come_from_are_the_services_own()
    {
        var folder = Repository.PathOf("web", "openapi");
        var write = Environment.GetEnvironmentVariable("TS_WRITE_OPENAPI") == "1";
        using var http = new HttpClient();
        var stale = new List<string>();
        foreach (var (service, address) in fixture.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var served = Normalised(await http.GetStringAsync(new Uri(address, "openapi/v1.json")));
            var file = Path.Combine(folder, service + ".json");
            if (write)
            {
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(file, served + "\n");
            }
            else if (!File.Exists(file) || Normalised(await File.ReadAllTextAsync(file)) != served) stale.Add(service);
        }
        stale.ShouldBeEmpty("these services' OpenAPI documents changed: write web/openapi again with TS_WRITE_OPENAPI=1 " +
            "dotnet test tests/TrustSafety.Dashboard.Tests --filter CheckingTheDashboardsTypes, then run `npm run check` in web/");
    }

    private static string Normalised(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        document.Remove("servers");
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
