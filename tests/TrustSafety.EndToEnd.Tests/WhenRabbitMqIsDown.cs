using Shouldly;
using TrustSafety.Testing;

namespace TrustSafety.EndToEnd.Tests;

/// <summary>
/// Accepted data is never lost: with the broker unreachable, reports still commit to the incident service's
/// event store; when it returns, the outbox forwarder publishes them and reporting counts each exactly once.
/// </summary>
public sealed class WhenRabbitMqIsDown(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const string Caldecote = "141002";

    [Fact]
    public async Task incidents_reported_while_the_broker_is_unreachable_reach_reporting_exactly_once_when_it_returns()
    {
        using var dsl = await platform.GatewayClientFor("dsl.caldecote");
        using var trustLead = await platform.GatewayClientFor("trust.lead");
        // The slice works before the outage.
        await Concerns.ReportAsync(dsl, "P-before");
        await Eventually.True(async () => (await Concerns.TrustSummaryTotalAsync(trustLead, Caldecote)).Display != "0",
            TimeSpan.FromSeconds(30), "the first incident reached reporting");

        platform.Broker.Cut();
        const int duringOutage = 6;
        for (var i = 0; i < duringOutage; i++) await Concerns.ReportAsync(dsl, $"P-outage-{i}");
        // Nothing could have been delivered: the broker is unreachable.
        (await Concerns.TrustSummaryTotalAsync(trustLead, Caldecote)).Display.ShouldBe("<5");

        platform.Broker.Restore();
        var total = await Eventually.Returns(() => Concerns.TrustSummaryTotalAsync(trustLead, Caldecote),
            t => t.Value >= 1 + duringOutage, TimeSpan.FromSeconds(60), "incidents from the outage reached reporting");
        total.Value.ShouldBe(1 + duringOutage);

        // Re-delivery after the outage (a re-published page) must not count anything twice.
        await Concerns.ReportAsync(dsl, "P-after");
        var settled = await Eventually.Returns(() => Concerns.TrustSummaryTotalAsync(trustLead, Caldecote),
            t => t.Value >= 2 + duringOutage, TimeSpan.FromSeconds(30), "the incident after the outage reached reporting");
        settled.Value.ShouldBe(2 + duringOutage);
    }
}
