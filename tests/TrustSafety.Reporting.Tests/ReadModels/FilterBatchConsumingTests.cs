using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Testing;

namespace TrustSafety.Reporting.Tests.ReadModels;

/// <summary>
/// FilterEventsAccepted is taken in as MassTransit batches (one transaction per batch): a burst of messages for several
/// schools, with redeliveries inside it, must count every accepted event once, in its own school only.
/// </summary>
public sealed class FilterBatchConsumingTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly string Month = Now.ToString("yyyy-MM");
    private static readonly (string Urn, string Dsl)[] Schools =
        [("141001", "dsl.blakehill"), ("141002", "dsl.caldecote"), ("141006", "dsl.oakmere")];

    [Fact]
    public async Task a_burst_of_batches_for_several_schools_with_redeliveries_counts_each_event_once_in_its_own_school()
    {
        var source = Guid.NewGuid();
        var messages = Enumerable.Range(0, 240).Select(i =>
        {
            var (urn, _) = Schools[i % Schools.Length];
            var events = Enumerable.Range(0, 1 + i % 3)
                .Select(_ => new FilterEventSummary(Now.AddMinutes(-i), "gambling", "commerce", 2, "blocked", $"dev-{i % 7}", null))
                .ToList();
            return (Id: Guid.NewGuid(), Message: new FilterEventsAccepted(Guid.CreateVersion7(), urn, Now, source, "smoothwall", events));
        }).ToList();
        var redelivered = messages.Where((_, i) => i % 10 == 0).ToList();

        await Task.WhenAll(messages.Concat(redelivered).Select(m => fx.Publish(m.Message, m.Id)));

        foreach (var (urn, dsl) in Schools)
        {
            var expected = messages.Where(m => m.Message.SchoolUrn == urn).Sum(m => m.Message.Events.Count);
            await Eventually.Returns(() => fx.GetJson(dsl, $"/school/summary?from={Month}&to={Month}"),
                s => s["figures"]!["filtering"]!["events"].Int() >= expected, TimeSpan.FromSeconds(30), $"{urn}'s filter events");
            var settled = await fx.GetJson(dsl, $"/school/summary?from={Month}&to={Month}");
            settled["figures"]!["filtering"]!["events"].Int().ShouldBe(expected, $"{urn}: every event once, redeliveries not counted again");
        }
    }

    [Fact]
    public async Task a_batch_holding_a_message_for_an_unconfigured_school_still_takes_in_the_others()
    {
        var good = Enumerable.Range(0, 30)
            .Select(_ => new FilterEventsAccepted(Guid.CreateVersion7(), "141005", Now, Guid.NewGuid(), "lightspeed",
                [new FilterEventSummary(Now, "weapons", "content", 3, "blocked", null, null)]))
            .ToList();
        var poison = new FilterEventsAccepted(Guid.CreateVersion7(), "999999", Now, Guid.NewGuid(), "lightspeed",
            [new FilterEventSummary(Now, "weapons", "content", 3, "blocked", null, null)]);

        await Task.WhenAll(good.Take(15).Append(poison).Concat(good.Skip(15)).Select(m => fx.Publish(m)));

        var summary = await Eventually.Returns(() => fx.GetJson("dsl.wodensfield", $"/school/summary?from={Month}&to={Month}"),
            s => s["figures"]!["filtering"]!["events"].Int() >= 30, TimeSpan.FromSeconds(30), "Wodensfield's events despite the poison");
        summary["figures"]!["filtering"]!["events"].Int().ShouldBe(30);
    }
}
