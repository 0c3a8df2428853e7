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

namespace TrustSafety.FilteringIngest.Tests.CheckingSourceHealth;

public sealed class CheckingSourceHealthApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
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
    public async Task the_health_view_counts_accepted_duplicates_and_rejected_with_reasons()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "knitting", 2)));
        await f.SendSigned(source.Id, secret, Events(($"{tag}-1", "10.0.0.1", "knitting", 2)));
        await f.SendSigned(source.Id, secret, """[{"occurredAt":"2025-01-01T00:00:00Z","activity":{"action":"Exploded"}}]""");
        using var admin = await f.ClientFor("it.blakehill");
        var health = await Eventually.Returns(async () => (await admin.GetFromJsonAsync<SourceHealthView>($"/sources/{source.Id}/health"))!,
            h => h.Accepted == 1 && h.Duplicates == 1 && h.Rejected == 1, TimeSpan.FromSeconds(30), "health counts");
        health.UnknownCategories.ShouldBe(1);
        health.UnknownCategoryCounts.ShouldHaveSingleItem().ShouldBe(new UnknownCategoryCount("canonical", null, "knitting", 1));
        health.LastEventAt.ShouldNotBeNull();
        health.RecentRejected.ShouldHaveSingleItem().Field.ShouldBe("[0].activity.action");
    }
}
