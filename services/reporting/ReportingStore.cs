using Marten;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Freshness;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.ReadModels;

namespace TrustSafety.Reporting;

/// <summary>The reporting store's documents (every one per school tenant) and the consumers that fill them.</summary>
public static class ReportingStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<Receipt>().Index(x => x.ProcessedAt).Index(x => x.OccurredAt);
        opts.Schema.For<ReportedIncident>();
        opts.Schema.For<TriagedIncident>();
        opts.Schema.For<IncidentStatusChange>().Index(x => x.IncidentId);
        opts.Schema.For<ReferralRecord>();
        opts.Schema.For<ReferralOutcomeRecord>();
    }

    public static void Consumers(MassTransit.IBusRegistrationConfigurator x)
    {
        x.AddConsumer<IncidentReportedConsumer>();
        x.AddConsumer<IncidentTriagedConsumer>();
        x.AddConsumer<IncidentClosedConsumer>();
        x.AddConsumer<IncidentReopenedConsumer>();
        x.AddConsumer<ReferralMadeConsumer>();
        x.AddConsumer<ReferralOutcomeRecordedConsumer>();
    }

    public static WebApplicationBuilder AddReadModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadModelReader>();
        return builder;
    }
}
