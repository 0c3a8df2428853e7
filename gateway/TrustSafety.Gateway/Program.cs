using TrustSafety.Gateway.Health;
using TrustSafety.Gateway.Routing;
using TrustSafety.Gateway.Security;
using TrustSafety.ServiceDefaults;
using TrustSafety.Telemetry.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
// The ingress controller's address ranges: then X-Forwarded-For names the real caller, per-caller rate limits key on
// it, and YARP passes it on to the services (filtering-ingest's failed-webhook budget keys on it). Unset: nobody is
// trusted, loopback included, so a client cannot choose its own address by sending the header.
builder.AddTrustedProxies(loopbackWhenUnset: false);
builder.AddPlatformRoutes();
builder.AddClientRateLimits();
builder.AddVendorBodyLimit();
// Not tagged "ready": the gateway's readiness is its own; downstream state is at /health/downstream.
builder.Services.AddHealthChecks().AddCheck<DownstreamReadiness>("downstream", tags: [DownstreamReadiness.Tag]);
builder.Services.AddHttpClient(DownstreamReadiness.ClientName, c => c.Timeout = TimeSpan.FromSeconds(3));

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UsePlatformDefaults();
app.UseVendorBodyLimit();
app.UseRateLimiter();
app.MapNotRouted();
DownstreamReadiness.MapDownstreamStatus(app);
app.MapReverseProxy();
await app.RunAsync();
