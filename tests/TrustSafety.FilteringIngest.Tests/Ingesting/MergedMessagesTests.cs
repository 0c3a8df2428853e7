using JasperFx.Events;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Tests.Ingesting;

/// <summary>How the forwarder's page of committed batches becomes FilterEventsAccepted messages for reporting.</summary>
public sealed class MergedMessagesTests
{
    private readonly FilteringIngestIntegrationEvents _mapper = new();
    private static readonly DateTimeOffset At = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private static FilterEvent Filtered(int n, int severity = 2, string uksic = "gambling") => new(
        $"k{n}", At.AddSeconds(n), null, null, "smoothwall", null, Guid.Empty, $"e{n}", null, $"u{n % 3}", null, null, null, null, null,
        "blocked", null, null, null, null, null, null, uksic, "commerce", severity, null, "none", null, null, false, false, $"d{n % 5}");

    private static IEvent Committed(string school, int events, long sequence)
    {
        var data = new FilterEventsIngested(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", school, At.AddSeconds(sequence), "webhook", "v1",
            Enumerable.Range(0, events).Select(n => Filtered(n)).ToList());
        return new Event<FilterEventsIngested>(data) { Id = Guid.CreateVersion7(), TenantId = school, Sequence = sequence };
    }

    [Fact]
    public void a_page_of_single_event_batches_becomes_one_message_per_school_with_every_batch_in_it()
    {
        var page = Enumerable.Range(0, 300).Select(i => Committed(i % 3 == 0 ? "141001" : i % 3 == 1 ? "141002" : "trust", 1, i)).ToList();

        var messages = _mapper.MapPage(page).ToList();

        messages.Count.ShouldBe(3);
        foreach (var m in messages)
        {
            var accepted = m.Message.ShouldBeOfType<FilterEventsAccepted>();
            accepted.Batches.Count.ShouldBe(100);
            accepted.Batches.ShouldAllBe(b => b.Events.Count == 1);
            m.Source.TenantId.ShouldBe(accepted.SchoolUrn, "the message goes out in the school it is about");
        }
        messages.SelectMany(m => ((FilterEventsAccepted)m.Message).Batches.Select(b => b.BatchId)).Order()
            .ShouldBe(page.Select(e => ((FilterEventsIngested)e.Data).BatchId).Order(), "every batch once, none lost");
    }

    [Fact]
    public void a_message_carries_at_most_the_event_limit_and_a_single_batch_keeps_its_event_id_as_message_id()
    {
        var page = Enumerable.Range(0, 50).Select(i => Committed("141001", 100, i)).ToList();

        var messages = _mapper.MapPage(page).ToList();

        messages.ShouldAllBe(m => ((FilterEventsAccepted)m.Message).Batches.Sum(b => b.Events.Count) <= FilteringIngestIntegrationEvents.MaxEventsPerMessage);
        messages.Sum(m => ((FilterEventsAccepted)m.Message).Batches.Count).ShouldBe(50);
        messages.Select(m => m.MessageId).Distinct().Count().ShouldBe(messages.Count);

        var alone = _mapper.MapPage([page[0]]).Single();
        alone.MessageId.ShouldBe(page[0].Id);
    }

    [Fact]
    public void the_same_page_merged_again_gives_the_same_message_ids_so_a_republished_page_is_deduplicated()
    {
        var page = Enumerable.Range(0, 40).Select(i => Committed(i % 2 == 0 ? "141001" : "141003", 1, i)).ToList();

        var first = _mapper.MapPage(page).Select(m => m.MessageId).ToList();
        var again = _mapper.MapPage(page).Select(m => m.MessageId).ToList();

        again.ShouldBe(first);
        _mapper.MapPage(page.Skip(1).ToList()).Select(m => m.MessageId).ShouldNotContain(first[0], "other events, another id");
    }

    [Fact]
    public void alerts_are_never_merged_each_is_its_own_message_for_the_dsl()
    {
        var alertEvent = Filtered(1, severity: 5, uksic: "self-harm");
        var alerts = Enumerable.Range(0, 3).Select(i => (IEvent)new Event<FilterAlertRaised>(
            new FilterAlertRaised(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", "141001", At, alertEvent))
            { Id = Guid.CreateVersion7(), TenantId = "141001", Sequence = 100 + i }).ToList();

        var messages = _mapper.MapPage([.. alerts, Committed("141001", 1, 1)]).ToList();

        messages.Count(m => m.Message is SafeguardingAlertRaised).ShouldBe(3);
        messages.Where(m => m.Message is SafeguardingAlertRaised).Select(m => m.MessageId).ShouldBe(alerts.Select(a => a.Id), ignoreOrder: true);
        messages.ShouldNotContain(m => m.Message is UnattributedAlertRaised, "a school's alert goes to its DSL");
    }

    [Fact]
    public void an_alert_nobody_could_attribute_is_also_published_for_the_trust_with_a_stable_id_of_its_own()
    {
        var alertEvent = Filtered(1, severity: 4, uksic: "self-harm");
        var raised = new FilterAlertRaised(Guid.CreateVersion7(), Guid.NewGuid(), "smoothwall", "trust", At, alertEvent);
        IEvent committed = new Event<FilterAlertRaised>(raised) { Id = Guid.CreateVersion7(), TenantId = "trust", Sequence = 7 };

        var messages = _mapper.MapPage([committed]).ToList();

        var trust = messages.Single(m => m.Message is UnattributedAlertRaised);
        var unattributed = (UnattributedAlertRaised)trust.Message;
        (unattributed.SchoolUrn, unattributed.Severity, unattributed.Category, unattributed.AlertId).ShouldBe(("trust", 4, "self-harm", raised.AlertId));
        trust.MessageId.ShouldNotBe(committed.Id);
        _mapper.MapPage([committed]).Single(m => m.Message is UnattributedAlertRaised).MessageId.ShouldBe(trust.MessageId);
        messages.Single(m => m.Message is SafeguardingAlertRaised).MessageId.ShouldBe(committed.Id);
        System.Text.Json.JsonSerializer.Serialize(unattributed).ShouldNotContain("u1", Case.Sensitive, "no user reference in a message to people");
    }
}
