using TrustSafety.Platform;
using TrustSafety.Reporting;
using TrustSafety.Reporting.RebuildingRollups;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("reporting");
builder.AddEventStore("reporting", ReportingStore.Configure);
builder.AddMessaging("reporting", ReportingStore.Consumers);
builder.Services.AddTrustSchools();
builder.AddReadModels();
var app = builder.Build();
if (RebuildCommand.IsRequested(args)) return await RebuildCommand.RunAsync(app, args);
app.UsePlatformDefaults();
app.MapReportingApi();
await app.RunAsync();
return 0;
