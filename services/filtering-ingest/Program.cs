using TrustSafety.FilteringIngest;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("filtering-ingest");
builder.AddEventStore(IngestStore.Schema, IngestStore.Configure)
    .ForwardIntegrationEvents<FilteringIngestIntegrationEvents>();
builder.AddMessaging("filtering-ingest");
builder.AddFilteringIngest();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapFilteringIngest();
await app.RunAsync();
