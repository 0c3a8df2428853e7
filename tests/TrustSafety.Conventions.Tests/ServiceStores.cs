using System.Reflection;
using Marten;
using Marten.Events;

namespace TrustSafety.Conventions.Tests;

/// <summary>
/// Each service's Marten store options, built by the same configure methods its Program.cs passes to AddEventStore
/// (no database is touched: mappings are plain configuration).
/// </summary>
internal static class ServiceStores
{
    public sealed record ServiceStore(string Folder, Assembly Assembly, Action<StoreOptions> Configure);

    public static readonly IReadOnlyList<ServiceStore> All =
    [
        new("consent", typeof(Consent.ConsentStore).Assembly, Consent.ConsentStore.Configure),
        new("device-register", typeof(DeviceRegister.DeviceRegisterStore).Assembly, DeviceRegister.DeviceRegisterStore.Configure),
        new("filtering-ingest", typeof(FilteringIngest.Ingesting.IngestStore).Assembly, FilteringIngest.Ingesting.IngestStore.Configure),
        new("incident", typeof(Incident.IncidentStore).Assembly, opts =>
        {
            Incident.IncidentStore.Configure(opts);
            Incident.DataProtection.DataProtectionSetup.Configure(opts);
        }),
        new("reporting", typeof(Reporting.ReportingStore).Assembly, Reporting.ReportingStore.Configure),
        new("notifications", typeof(Notifications.NotificationsStore).Assembly, Notifications.NotificationsStore.Configure),
        new("governance", typeof(Governance.GovernanceStore).Assembly, Governance.GovernanceStore.Configure),
    ];

    public static TheoryData<string> Folders => new(All.Select(s => s.Folder));

    public static ServiceStore For(string folder) => All.Single(s => s.Folder == folder);

    /// <summary>Every event type the store knows a stored name for, except Marten's own (e.g. <c>Archived</c>).</summary>
    public static IReadOnlyList<(Type Type, string Name)> MappedEvents(ServiceStore service)
    {
        var options = new StoreOptions();
        service.Configure(options);
        return ((EventGraph)options.Events).AllKnownEventTypes()
            .Where(e => e.EventType.Assembly.GetName().Name!.StartsWith("TrustSafety.", StringComparison.Ordinal))
            .Select(e => (e.EventType, e.EventTypeName))
            .OrderBy(e => e.EventTypeName, StringComparer.Ordinal)
            .ToList();
    }
}
