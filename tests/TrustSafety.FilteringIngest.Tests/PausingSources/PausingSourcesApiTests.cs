using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TrustSafety.FilteringIngest.CheckingSourceHealth;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.ReceivingWebhooks;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.Testing;
using TrustSafety.FilteringIngest.Tests.Api;

namespace TrustSafety.FilteringIngest.Tests.PausingSources;

public sealed class PausingSourcesApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private static string Events(params (string Id, string Ip, string Category, int Severity)[] events) => JsonSerializer.Serialize(
        events.Select(e => new
        {
            occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            sourceEventId = e.Id,
            subject = new { user = "pupil-" + e.Id },
            device = new { ip = e.Ip },
            activity = new { action = "Blocked", url = "https://example.org/" + e.Id },
            classification = new { categoryLabel = e.Category, severity = e.Severity },
        }));

    private static string Unique() => Guid.NewGuid().ToString("N")[..10];

    private Task<SourceWithSecret> Blakehill(object? extra = null) =>
        f.RegisterAsync("it.blakehill", extra ?? new { name = "Blakehill canonical " + Unique(), format = "canonical-json" });

    [Fact]
    public async Task a_paused_source_is_refused_until_resumed()
    {
        var (source, secret) = await Blakehill();
        using var admin = await f.ClientFor("it.blakehill");
        (await admin.PostAsync($"/sources/{source.Id}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await admin.PostAsync($"/sources/{source.Id}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await f.SendSigned(source.Id, secret, Events((Unique(), "10.0.0.1", "gambling", 2)))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }
}
