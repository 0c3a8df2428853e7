using TrustSafety.FilteringIngest.CheckingSourceHealth;
using TrustSafety.FilteringIngest.SweepingRetention;

using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.SweepingRetention;

public sealed class SweepingRetentionApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private Task<SourceWithSecret> Blakehill(object? extra = null) => f.RegisterBlakehillAsync(extra);

    [Fact]
    public async Task the_retention_sweep_keeps_recent_rejected_records_and_never_touches_events()
    {
        var (source, secret) = await Blakehill();
        await f.SendSigned(source.Id, secret, """[{"occurredAt":"2025-01-01T00:00:00Z","activity":{"action":"Exploded"}},{"occurredAt":"2025-01-01T00:00:00Z","activity":{"action":"Blocked"}}]""");
        await f.Host.Services.GetRequiredService<RetentionSweeper>().SweepAsync(CancellationToken.None);
        using var admin = await f.ClientFor("it.blakehill");
        var health = await Eventually.Returns(async () => (await admin.GetFromJsonAsync<SourceHealthView>($"/sources/{source.Id}/health"))!,
            h => h.Accepted == 1, TimeSpan.FromSeconds(30), "health after sweep");
        health.RecentRejected.ShouldHaveSingleItem();
    }
}
