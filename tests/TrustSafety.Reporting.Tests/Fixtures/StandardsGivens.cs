namespace TrustSafety.Reporting.Tests.Fixtures;

/// <summary>Requests the standards, unblock and pack tests share: evidence bodies, and writes with If-Match.</summary>
public static class StandardsGivens
{
    public static object Decision(string kind, string what, string reason, string decidedOn) =>
        new { kind, what, reason, decidedOn, requestedBy = "J. Smith, Year 9 history", approvedBy = "A. Okafor, DSL" };

    public static object Review(string reviewedOn, string outcome, bool filterTested = true) => new
    {
        reviewedOn, outcome, participants = new { slt = "A. Head", dsl = "B. Dsl", it = "C. Tech (IT provider)" },
        checklist = new[] { "roles-assigned", "risk-profile", "provision-listed", "filter-tested", "over-blocking-reviewed", "monitoring-acted-on",
            "staff-trained", "governor-involved" }
            .Select(item => new { item, done = item != "filter-tested" || filterTested, note = item == "filter-tested" && !filterTested ? "Run the SWGfL test on the guest Wi-Fi by October" : null }),
    };

    public static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    /// <summary>A write with If-Match that must succeed; the new ETag for the next one.</summary>
    public static async Task<string> Write(HttpClient client, HttpMethod method, string url, object body, string ifMatch)
    {
        using var response = await Send(client, method, url, body, ifMatch);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response.Headers.ETag!.Tag;
    }
}
