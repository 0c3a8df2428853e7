using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.EndToEnd.Tests;

internal static class Concerns
{
    public static object Sample(string pupilId = "P-1001") => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-2),
        whatHappened = "Year 6 pupil received unkind messages in a class group chat.",
        where = new { site = "off-site", device = "personal-device" },
        howItCameToLight = "Pupil told their class teacher",
        people = new[] { new { role = "child-victim", pupilId } },
        suggestedCategory = "cyberbullying",
    };

    public static async Task<Guid> ReportAsync(HttpClient client, string pupilId = "P-1001")
    {
        using var response = await client.PostAsJsonAsync("/api/incident/incidents", Sample(pupilId));
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"Reporting a concern gave {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The trust lead's count of incidents for one school in the summary, or null when it is suppressed.</summary>
    public static async Task<(int? Value, string Display)> TrustSummaryTotalAsync(HttpClient trustLead, string urn)
    {
        var month = DateTime.UtcNow.ToString("yyyy-MM");
        var summary = await trustLead.GetFromJsonAsync<JsonElement>($"/api/reporting/trust/summary?from={month}&to={month}");
        var school = summary.GetProperty("incidents").GetProperty("schools").EnumerateArray()
            .Single(s => s.GetProperty("urn").GetString() == urn);
        var total = school.GetProperty("total");
        var value = total.GetProperty("value");
        return (value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null, total.GetProperty("display").GetString()!);
    }
}
