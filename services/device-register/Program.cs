using MassTransit;
using TrustSafety.DeviceRegister;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.IntegrationEvents;
using TrustSafety.DeviceRegister.SubjectAccess;
using TrustSafety.ServiceDefaults;
using TrustSafety.ServiceDefaults.EventStore;
using TrustSafety.ServiceDefaults.Messaging;

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
var app = builder.Build();
app.UsePlatformDefaults();
app.MapDeviceRegisterApi();
app.MapPupilSubjectAccess();
app.Run();
