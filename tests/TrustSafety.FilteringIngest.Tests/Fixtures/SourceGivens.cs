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

    /// <summary>A new canonical-JSON source of Blakehill's (or the one <paramref name="extra"/> describes), registered by its IT admin.</summary>
    public static Task<SourceWithSecret> RegisterBlakehillAsync(this IngestApiFixture f, object? extra = null) =>
        f.RegisterAsync("it.blakehill", extra ?? new { name = "Blakehill canonical " + Unique(), format = "canonical-json" });
}
