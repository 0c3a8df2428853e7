namespace TrustSafety.FilteringIngest.Tests.Fixtures;

/// <summary>What the source and webhook API tests give: canonical events, unique names, Blakehill's canonical source.</summary>
internal static class SourceGivens
{
    public static string Events(params (string Id, string Ip, string Category, int Severity)[] events) => JsonSerializer.Serialize(
        events.Select(e => new
        {
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            sourceEventId = e.Id,
            subject = new { user = "pupil-" + e.Id },
            device = new { ip = e.Ip },
            activity = new { action = "Blocked", url = "https://example.org/" + e.Id },
            classification = new { categoryLabel = e.Category, severity = e.Severity },
        }));


    public static string Unique() => Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// A change to a source (pause, resume, revoke, rotate-secret) sent as a client would: the source read first, its ETag
    /// sent as If-Match.
    /// </summary>
    public static async Task<HttpResponseMessage> ChangeSourceAsync(this HttpClient admin, Guid source, string change, object? body = null)
    {
        using var read = await admin.GetAsync($"/sources/{source}");
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        return await admin.SendAsync(SourceChange(source, change, read.Headers.ETag!.Tag, body));
    }

    /// <summary>The request for a change to a source, with <paramref name="ifMatch"/> as sent (none when null).</summary>
    public static HttpRequestMessage SourceChange(Guid source, string change, string? ifMatch, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/sources/{source}/{change}") { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// <summary>A new canonical-JSON source of Blakehill's (or the one <paramref name="extra"/> describes), registered by its IT admin.</summary>
    public static Task<SourceWithSecret> RegisterBlakehillAsync(this IngestApiFixture f, object? extra = null) =>
        f.RegisterAsync("it.blakehill", extra ?? new { name = "Blakehill canonical " + Unique(), format = "canonical-json" });
}
