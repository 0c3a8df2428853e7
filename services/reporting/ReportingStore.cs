using JasperFx.Events.Projections;
using Marten;
using TrustSafety.Reporting.Grants;
using TrustSafety.Reporting.Packs;
using TrustSafety.Reporting.Standards;
using TrustSafety.Reporting.Consuming;
using TrustSafety.Reporting.Coverage;
using TrustSafety.Reporting.Devices;
using TrustSafety.Reporting.Filtering;
using TrustSafety.Reporting.Rollups;
using TrustSafety.Reporting.Incidents;
using TrustSafety.Reporting.PrintingGovernorPack;
using TrustSafety.Reporting.ReadModels;
using TrustSafety.Reporting.RebuildingRollups;

namespace TrustSafety.Reporting;

/// <summary>The reporting store's documents (every one per school tenant) and the consumers that fill them.</summary>
public static class ReportingStore
{
    public static void Configure(StoreOptions opts)
    {
        RollupSchema.Configure(opts);
        // Facts the rollups are folded from (and rebuilt from: RebuildingRollups/RollupRebuild.cs).
        opts.Schema.For<FilterBatch>();
        opts.Schema.For<AlertRecord>();
        opts.Schema.For<IncidentEntry>().Index(x => x.ReportedAt);
        opts.Schema.For<ReferralEntry>();
        opts.Schema.For<ConsentState>();
        opts.Schema.For<AupState>();
        opts.Schema.For<AupVersionRecord>();
        opts.Schema.For<DeviceState>();
        opts.Schema.For<Governance.TrainingFact>();
        opts.Schema.For<Governance.PolicyReviewFact>();
        opts.Schema.For<VulnerableLearners.VulnerabilityContextMonth>().Index(x => x.Month);
        // Facts stored before rollups existed; read by the rebuild only.
        opts.Schema.For<ReportedIncident>();
        opts.Schema.For<TriagedIncident>();
        opts.Schema.For<IncidentStatusChange>();
        opts.Schema.For<ReferralRecord>();
        opts.Schema.For<ReferralOutcomeRecord>();
        opts.Schema.For<ConsentChange>();
        opts.Schema.For<AupChange>();
        opts.Schema.For<DeviceChange>();

        opts.Events.MapEventType<DrillDownGrantIssued>("drill_down_grant_issued.v1");
        opts.Events.MapEventType<DrillDownGrantRevoked>("drill_down_grant_revoked.v1");
        opts.Events.MapEventType<DrillDownRead>("drill_down_read.v1");
        opts.Projections.Snapshot<DrillDownGrant>(SnapshotLifecycle.Inline);
        opts.Schema.For<GrantRead>().Index(x => x.GrantId);
        opts.Events.MapEventType<FilteringResponsibilitiesNamed>("filtering_responsibilities_named.v1");
        opts.Events.MapEventType<FilteringReviewRecorded>("filtering_review_recorded.v1");
        opts.Events.MapEventType<FilteringDecisionRecorded>("filtering_decision_recorded.v1");
        opts.Events.MapEventType<UnblockRequested>("filtering_unblock_requested.v1");
        opts.Events.MapEventType<UnblockRequestDecided>("filtering_unblock_request_decided.v1");
        opts.Projections.Snapshot<FilteringStandardsEvidence>(SnapshotLifecycle.Inline);
        opts.Projections.Snapshot<StandardsSummary>(SnapshotLifecycle.Inline);
        opts.Events.MapEventType<ExportTaken>("export_taken.v1");
        opts.Schema.For<ExportRecord>();
    }

    // The consumers stay beside the facts they keep (Incidents/, Coverage/, Devices/, Filtering/, Governance/,
    // VulnerableLearners/), under the namespaces they were deployed with: a processed-message marker's id is derived from
    // the consumer's full type name (EventSourcing's ProcessedMessages.MarkerId), and every document and event type's
    // full name is stored (mt_dotnet_type), so moving one would change what is already stored.
    public static void Consumers(MassTransit.IBusRegistrationConfigurator x)
    {
        x.AddConsumer<Governance.TrainingStatusChangedConsumer>();
        x.AddConsumer<Governance.PolicyReviewDueConsumer>();
        x.AddConsumer<IncidentReportedConsumer>();
        x.AddConsumer<IncidentTriagedConsumer>();
        x.AddConsumer<IncidentClosedConsumer>();
        x.AddConsumer<IncidentReopenedConsumer>();
        x.AddConsumer<ReferralMadeConsumer>();
        x.AddConsumer<ReferralOutcomeRecordedConsumer>();
        x.AddConsumer<ReferralOutcomeRecordedV2Consumer>();
        x.AddConsumer<VulnerableLearners.VulnerabilityContextCountedConsumer>();
        x.AddConsumer<FilterEventsAcceptedConsumer>((_, c) => c.Options<MassTransit.BatchOptions>(o => o
            .SetMessageLimit(FilterEventsAcceptedConsumer.MessageLimit)
            .SetTimeLimit(FilterEventsAcceptedConsumer.TimeLimit)
            .SetConcurrencyLimit(2)));
        x.AddConsumer<SafeguardingAlertRaisedConsumer>();
        x.AddConsumer<ConsentGivenConsumer>();
        x.AddConsumer<ConsentDeclinedConsumer>();
        x.AddConsumer<ConsentWithdrawnConsumer>();
        x.AddConsumer<ConsentExpiredConsumer>();
        x.AddConsumer<AupSignedConsumer>();
        x.AddConsumer<AupLapsedConsumer>();
        x.AddConsumer<AupVersionPublishedConsumer>();
        x.AddConsumer<DeviceRegisteredConsumer>();
        x.AddConsumer<DeviceAssignedConsumer>();
        x.AddConsumer<DeviceReturnedConsumer>();
        x.AddConsumer<DeviceRetiredConsumer>();
        x.AddConsumer<DeviceCustodyChangedConsumer>();
        x.AddConsumer<DeviceNetworkIdentityChangedConsumer>();
    }

    public static WebApplicationBuilder AddReadModels(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => Npgsql.NpgsqlDataSource.Create(
            EventSourcing.EventStore.EventStoreSetup.WithStatementPreparation(
                EventSourcing.EventStore.EventStoreSetup.ConnectionString(sp.GetRequiredService<IConfiguration>()))));
        builder.Services.AddSingleton<RepeatPatterns>();
        builder.Services.AddScoped<ReadModelReader>();
        builder.Services.AddSingleton<RollupRebuild>();
        builder.Services.AddHostedService<RollupUpgrade>();
        builder.Services.AddHostedService<Incidents.OutcomeTextCleanup>();
        builder.Services.AddSingleton<PdfPrinter>();
        builder.Services.AddOptions<ReportingOptions>().BindConfiguration(ReportingOptions.Section)
            .Validate(o => o.PseudonymKey.Length >= 16, "Reporting:PseudonymKey must be at least 16 characters").ValidateOnStart();
        return builder;
    }
}
