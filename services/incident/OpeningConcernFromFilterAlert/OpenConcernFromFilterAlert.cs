using Marten;
using MassTransit;
using TrustSafety.Contracts.FilteringIngest;
using TrustSafety.Contracts.Reference;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.KnowingTheRoster;
using TrustSafety.EventSourcing.Messaging;

namespace TrustSafety.Incident.OpeningConcernFromFilterAlert;

/// <summary>
/// A safeguarding alert from filtering-ingest opens a concern in its school for the safeguarding team, about the pupil whose
/// sign-in account (or assigned device) it was when the roster knows them. The pupil is recorded by internal id (and date of
/// birth, for retention); the dashboard names them from consent's roster to those who may see names. An alert on a staff
/// account is a possible allegation: the DSL and headteacher only.
/// </summary>
public sealed class OpenConcernFromFilterAlert(IDocumentStore store, TimeProvider clock, IncidentPersonalData personalData)
    : IdempotentConsumer<SafeguardingAlertRaised>(store, clock)
{
    protected override async Task Handle(SafeguardingAlertRaised message, IDocumentSession session, ConsumeContext<SafeguardingAlertRaised> context)
    {
        var subject = await AlertSubjects.ResolveAsync(session, message.UserRef, message.DeviceId, context.CancellationToken);
        var reported = await personalData.SealAsync(session.TenantId, Decide(Guid.CreateVersion7(), message, Time.GetUtcNow(), subject),
            context.CancellationToken);
        session.Events.StartStream<OnlineSafetyIncident>(reported.IncidentId, reported);
    }

    public static ConcernReported Decide(Guid id, SafeguardingAlertRaised alert, DateTimeOffset now, AlertSubject? subject = null)
    {
        var label = alert.Category.Replace('-', ' ');
        var what = $"{alert.Vendor} raised a {label} alert (severity {alert.Severity}"
            + (alert.VendorSeverity is null ? "" : $", vendor severity {alert.VendorSeverity}") + $", action {alert.Action})"
            + (alert.SearchTerm is null ? "" : " for a search") + (alert.Url is null ? "" : " for a web address")
            + (subject switch
            {
                { Kind: PersonKinds.Pupil, Via: var via } => $"; the {via} is a pupil's on the school roster",
                { Kind: PersonKinds.Staff } => "; the account is a member of staff's: a possible allegation, for the DSL and headteacher",
                _ => alert.UserRef is null ? "" : "; the account is not on the school roster",
            })
            + ". The URL or search term is on the alert details (DSL and deputy).";
        IReadOnlyList<InvolvedPerson> people = subject switch
        {
            { Kind: PersonKinds.Pupil } p => [new InvolvedPerson("other", p.PersonId, null, null,
                p.DateOfBirth?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))],
            { Kind: PersonKinds.Staff } s => [new InvolvedPerson("other", null, s.PersonId, null)],
            _ => alert.UserRef is null ? [] : [new InvolvedPerson("other", null, null, $"filter user {alert.UserRef}")],
        };
        return new ConcernReported(
            id, $"filter-alert:{alert.Vendor}", $"{alert.Vendor} filter alert", now, alert.EventAt, what,
            new IncidentLocation("on-site", alert.DeviceId is null ? "unknown" : "school-device", alert.SourceIp),
            "Filtering / monitoring alert", people, IncidentSources.FilterAlert, SuggestedCategory(alert.Category),
            alert.FourC, subject?.Kind == PersonKinds.Staff,
            new FilterAlertDetails(alert.AlertId, alert.Vendor, alert.Category, alert.FourC, alert.Severity, alert.Action,
                alert.Url, alert.SearchTerm, alert.DeviceId, alert.UserRef, alert.VendorSeverity, alert.VendorLink));
    }

    /// <summary>The category the alert suggests (contracts' FilterCategoryCrosswalk, versioned with the category list).</summary>
    public static string? SuggestedCategory(string filterCategory) => FilterCategoryCrosswalk.Suggest(filterCategory);
}
