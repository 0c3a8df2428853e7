namespace TrustSafety.Reporting.Tests.Filtering;

/// <summary>
/// FilterEventsAccepted merges accepted batches per school and is taken in as MassTransit batches (one transaction per
/// batch of messages): a burst for several schools, with redeliveries and with the same batches grouped differently
/// (a page re-published after a crash), must count every accepted event once, in its own school only.
/// </summary>
public sealed class FilterBatchConsumingTests(ClockedReportingFixture fx) : IClassFixture<ClockedReportingFixture>
{
    /// <summary>The service's clock, pinned for the class: no day or month boundary falls between the events and the query.</summary>
    private DateTimeOffset Now => fx.Clock.GetUtcNow();
    private string Month => Now.ToString("yyyy-MM");
    private static readonly (string Urn, string Dsl)[] Schools =
        [("141001", "dsl.blakehill"), ("141002", "dsl.caldecote"), ("141006", "dsl.oakmere")];

    private AcceptedFilterBatch Batch(int events, int i = 0) => new(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", Now,
        Enumerable.Range(0, events).Select(_ => new FilterEventSummary(Now.AddMinutes(-i), "gambling", "commerce", 2, "blocked", $"dev-{i % 7}", null))
            .ToList());

    private Task<int> EventsIn(string dsl) =>
        fx.GetJson(dsl, $"/school/summary?from={Month}&to={Month}").ContinueWith(t => t.Result["figures"]!["filtering"]!["events"].Int());

    [Fact]
    public async Task a_burst_for_several_schools_with_redeliveries_and_regrouped_batches_counts_each_event_once_in_its_own_school()
    {
        var batches = Enumerable.Range(0, 360).Select(i => (School: Schools[i % Schools.Length].Urn, Batch: Batch(1 + i % 3, i))).ToList();
        // Messages of 1–4 batches each, as ingest's forwarder merges them per school and page.
        var messages = batches.GroupBy(b => b.School)
            .SelectMany(school => school.Select((b, n) => (b, n)).GroupBy(x => x.n / (1 + x.n % 4))
                .Select(g => (Id: Guid.NewGuid(), Message: new FilterEventsAccepted(school.Key, Now, g.Select(x => x.b.Batch).ToList()))))
            .ToList();
        var redelivered = messages.Where((_, i) => i % 10 == 0).ToList();
        // The same batches again, grouped differently under new message ids: a page re-read after the forwarder restarted.
        var regrouped = batches.Where((_, i) => i % 5 == 0).GroupBy(b => b.School)
            .Select(s => (Id: Guid.NewGuid(), Message: new FilterEventsAccepted(s.Key, Now, s.Select(b => b.Batch).ToList())))
            .ToList();

        await Task.WhenAll(messages.Concat(redelivered).Concat(regrouped).Select(m => fx.Publish(m.Message, m.Id)));

        foreach (var (urn, dsl) in Schools)
        {
            var expected = batches.Where(b => b.School == urn).Sum(b => b.Batch.Events.Count);
            await Eventually.Returns(() => EventsIn(dsl), n => n >= expected, TimeSpan.FromSeconds(30), $"{urn}'s filter events");
            (await EventsIn(dsl)).ShouldBe(expected, $"{urn}: every event once, whether redelivered or regrouped");
        }
    }

    [Fact]
    public async Task a_batch_holding_a_message_for_an_unconfigured_school_still_takes_in_the_others()
    {
        var good = Enumerable.Range(0, 30).Select(_ => new FilterEventsAccepted("141005", Now, [Batch(1)])).ToList();
        var poison = new FilterEventsAccepted("999999", Now, [Batch(1)]);

        await Task.WhenAll(good.Take(15).Append(poison).Concat(good.Skip(15)).Select(m => fx.Publish(m)));

        await Eventually.Returns(() => EventsIn("dsl.wodensfield"), n => n >= 30, TimeSpan.FromSeconds(30), "Wodensfield's events despite the poison");
        (await EventsIn("dsl.wodensfield")).ShouldBe(30);
    }
}
