using TrustSafety.Consent.ImportingRoster;
using TrustSafety.Consent.LookingUpPupils;

namespace TrustSafety.Consent.Tests.Fixtures;

/// <summary>The roster's requests as the API tests send them (with <c>using static</c>): an MIS import, a pupil search, an answer read as 200.</summary>
public static class RosterSteps
{
    public static async Task<HttpResponseMessage> Import(HttpClient client, string csv, string query = "") =>
        await client.PostAsync($"/roster/imports{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    public static async Task<RosterImportResult> Imported(HttpClient client, string csv, string query = "")
    {
        var response = await Import(client, csv, query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RosterImportResult>())!;
    }

    public static async Task<PupilSearchResult> Search(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/pupils?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PupilSearchResult>())!;
    }

    public static async Task<T> Answer<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }
}
