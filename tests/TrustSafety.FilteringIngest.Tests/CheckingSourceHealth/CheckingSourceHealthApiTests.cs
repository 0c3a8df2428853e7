using TrustSafety.FilteringIngest.CheckingSourceHealth;

using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.CheckingSourceHealth;

public sealed class CheckingSourceHealthApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

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
