using TrustSafety.Consent;
using TrustSafety.Consent.Clock;
using TrustSafety.Consent.Integration;
using TrustSafety.ServiceDefaults;
using TrustSafety.ServiceDefaults.EventStore;
using TrustSafety.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("consent");
builder.AddConsentOptions();
builder.AddConsentPolicies();
builder.AddEventStore("consent", ConsentStore.Configure)
    .ForwardIntegrationEvents<ConsentIntegrationEvents>();
builder.AddMessaging("consent");
builder.Services.AddHostedService<ConsentClock>();

var app = builder.Build();
app.UsePlatformDefaults();
app.MapConsentApi();
app.Run();
