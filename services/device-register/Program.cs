using MassTransit;
using TrustSafety.DeviceRegister;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.IntegrationEvents;
using TrustSafety.DeviceRegister.NetworkIdentities;
using TrustSafety.DeviceRegister.SubjectAccess;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("device-register");
builder.AddDevicePolicies();
builder.AddEventStore("device_register", DeviceRegisterStore.Configure)
    .ForwardIntegrationEvents<DeviceIntegrationEvents>();
builder.AddMessaging("device-register", x =>
{
    x.AddConsumer<RecordAupSigned, RecordAupSignedDefinition>();
    x.AddConsumer<RecordAupLapsed, RecordAupLapsedDefinition>();
});
// Identities two schools hold that no recording surfaced (recorded before the rule): found on the daemon leader.
builder.Services.AddOptions<IdentityConflictScanOptions>().BindConfiguration(IdentityConflictScanOptions.Section);
builder.Services.AddSingleton<IdentityConflictScan>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<IdentityConflictScan>());
var app = builder.Build();
app.UsePlatformDefaults();
app.MapDeviceRegisterApi();
app.MapPupilSubjectAccess();
await app.RunAsync();
