using Microsoft.AspNetCore.Http.Json;
using TrustSafety.Incident;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.KnowingTheRoster;
using TrustSafety.Incident.LinkingDeviceCustody;
using TrustSafety.Incident.OpeningConcernFromFilterAlert;
using TrustSafety.Incident.Publishing;
using TrustSafety.Platform;
using TrustSafety.ServiceDefaults;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.EventSourcing.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("incident");
builder.Services.Configure<JsonOptions>(o =>
    o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow);
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.AddEventStore("incident", opts => { IncidentStore.Configure(opts); DataProtectionSetup.Configure(opts); })
    .ForwardIntegrationEvents<IncidentIntegrationEvents>();
builder.AddIncidentDataProtection();
builder.Services.AddTrustSchools();
builder.AddMessaging("incident", x =>
{
    x.AddConsumer<OpenConcernFromFilterAlert>();
    x.AddConsumer<LinkDeviceCustody>();
    x.AddConsumer<KeepPupilAccounts>();
    x.AddConsumer<KeepStaffAccounts>();
    x.AddConsumer<KeepPupilDateOfBirth>();
    x.AddConsumer<KeepDeviceAssignee>();
    x.AddConsumer<ForgetDeviceAssignee>();
    x.AddConsumer<TrustSafety.Incident.PupilContext.CountVulnerabilityContext>();
});

var app = builder.Build();
app.UsePlatformDefaults();
app.UseSmallJsonBodies();
app.MapIncidentsApi();
app.MapDataProtectionApi();
await app.RunAsync();
