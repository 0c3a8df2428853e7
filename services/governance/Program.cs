using TrustSafety.Governance;
using TrustSafety.Governance.Incidents;
using TrustSafety.Governance.Integration;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("governance");
builder.AddGovernancePolicies();
builder.AddEventStore("governance", GovernanceStore.Configure)
    .ForwardIntegrationEvents<GovernanceIntegrationEvents>();
builder.AddMessaging("governance", x =>
{
    x.AddConsumer<NoteIncidentClosed>();
    x.AddConsumer<NoteIncidentReopened>();
});

var app = builder.Build();
app.UsePlatformDefaults();
app.MapGovernanceApi();
await app.RunAsync();
