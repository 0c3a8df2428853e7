using TrustSafety.Consent;
using TrustSafety.Consent.ErasingLeavers;
using TrustSafety.Consent.Integration;
using TrustSafety.Consent.RecordingLapses;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("consent");
builder.AddConsentOptions();
builder.AddConsentPolicies();
builder.AddEventStore("consent", ConsentStore.Configure)
    .ForwardIntegrationEvents<ConsentIntegrationEvents>();
builder.AddMessaging("consent");
builder.Services.AddHostedService<ConsentClock>();
builder.Services.AddSingleton<RosterRetentionSweeper>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<RosterRetentionSweeper>());

var app = builder.Build();
app.UsePlatformDefaults();
app.MapConsentApi();
await app.RunAsync();
