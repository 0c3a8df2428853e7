using Marten;
using MassTransit;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Messaging;

namespace TrustSafety.Incident.OpeningConcernFromFilterAlert;

/// <summary>A safeguarding alert from filtering-ingest opens a concern in its school for the safeguarding team.</summary>
public sealed class OpenConcernFromFilterAlert(IDocumentStore store, TimeProvider clock, IncidentPersonalData personalData)
    : IdempotentConsumer<SafeguardingAlertRaised>(store, clock)
{
    protected override async Task Handle(SafeguardingAlertRaised message, IDocumentSession session, ConsumeContext<SafeguardingAlertRaised> context)
    {
        var reported = await personalData.SealAsync(session.TenantId, Decide(Guid.CreateVersion7(), message, Time.GetUtcNow()),
            context.CancellationToken);
        session.Events.StartStream<OnlineSafetyIncident>(reported.IncidentId, reported);
    }

    public static ConcernReported Decide(Guid id, SafeguardingAlertRaised alert, DateTimeOffset now)
    {
        var what = $"{alert.Vendor} raised a {alert.Category} alert (severity {alert.Severity}, action {alert.Action})"
            + (alert.Url is null ? "" : $" for {alert.Url}")
            + (alert.SearchTerm is null ? "" : $", search term \"{alert.SearchTerm}\"") + ".";
        var people = alert.UserRef is null
            ? (IReadOnlyList<InvolvedPerson>)[]
            : [new InvolvedPerson("other", null, null, $"filter user {alert.UserRef}")];
        return new ConcernReported(
            id, $"filter-alert:{alert.Vendor}", $"{alert.Vendor} filter alert", now, alert.EventAt, what,
            new IncidentLocation("on-site", alert.DeviceId is null ? "unknown" : "school-device", alert.SourceIp),
            "Filtering / monitoring alert", people, IncidentSources.FilterAlert, SuggestedCategory(alert.Category),
            alert.FourC, false,
            new FilterAlertDetails(alert.AlertId, alert.Vendor, alert.Category, alert.FourC, alert.Severity, alert.Action,
                alert.Url, alert.SearchTerm, alert.DeviceId, alert.UserRef));
    }

    /// <summary>The category the alert suggests (contracts' FilterCategoryCrosswalk, versioned with the category list).</summary>
    public static string? SuggestedCategory(string filterCategory) => FilterCategoryCrosswalk.Suggest(filterCategory);
}
