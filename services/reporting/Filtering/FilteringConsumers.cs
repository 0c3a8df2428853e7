using System.Globalization;
using Marten;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Reporting.Consuming;

namespace TrustSafety.Reporting.Filtering;

public sealed class FilterEventsAcceptedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<FilterEventsAccepted>(store, time)
{
    protected override Task Project(FilterEventsAccepted m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(Summarise(m));
        return Task.CompletedTask;
    }

    public static FilterBatch Summarise(FilterEventsAccepted m) => new()
    {
        Id = m.BatchId, SchoolUrn = m.SchoolUrn, SourceId = m.SourceId, Vendor = m.Vendor, AcceptedAt = m.OccurredAt,
        Events = m.Events.Count,
        FirstEventAt = m.Events.Count == 0 ? null : m.Events.Min(e => e.At),
        LastEventAt = m.Events.Count == 0 ? null : m.Events.Max(e => e.At),
        Buckets = m.Events
            .GroupBy(e => (Day: DateOnly.FromDateTime(e.At.UtcDateTime), e.Category, e.FourC, e.Severity, e.Action))
            .Select(g => new FilterBucket(g.Key.Day, g.Key.Category, g.Key.FourC, g.Key.Severity, g.Key.Action, g.Count()))
            .ToList(),
        Subjects = m.Events
            .SelectMany(e => new[] { ("device", e.DeviceRef, e), ("user", e.UserRef, e) })
            .Where(x => !string.IsNullOrWhiteSpace(x.Item2))
            .GroupBy(x => (Week: Week(x.e.At), Kind: x.Item1, Ref: x.Item2!))
            .Select(g => new SubjectWeek(g.Key.Week, g.Key.Kind, g.Key.Ref, g.Count(), g.Select(x => x.e.Category).Distinct().Order().ToList()))
            .ToList(),
    };

    public static string Week(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime):00}");
}

public sealed class SafeguardingAlertRaisedConsumer(IDocumentStore store, TimeProvider time) : ReportingConsumer<SafeguardingAlertRaised>(store, time)
{
    protected override Task Project(SafeguardingAlertRaised m, Guid messageId, IDocumentSession session, CancellationToken ct)
    {
        session.Store(new AlertRecord
        {
            Id = m.AlertId, SchoolUrn = m.SchoolUrn, EventAt = m.EventAt, RaisedAt = m.OccurredAt, Vendor = m.Vendor, SourceId = m.SourceId,
            Category = m.Category, FourC = m.FourC, Severity = m.Severity, Action = m.Action, DeviceId = m.DeviceId, UserRef = m.UserRef,
        });
        return Task.CompletedTask;
    }
}
