using TrustSafety.Gateway.Health;
using TrustSafety.Gateway.Routing;
using TrustSafety.Gateway.Security;
using TrustSafety.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("gateway");
builder.AddPlatformRoutes();
builder.AddClientRateLimits();
builder.AddVendorBodyLimit();
builder.Services.AddHealthChecks().AddCheck<DownstreamReadiness>("downstream", tags: [ServiceDefaultsExtensions.ReadyTag]);
builder.Services.AddHttpClient(DownstreamReadiness.ClientName, c => c.Timeout = TimeSpan.FromSeconds(3));

var app = builder.Build();
app.UseSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UsePlatformDefaults();
app.UseVendorBodyLimit();
app.UseRateLimiter();
app.MapNotRouted();
app.MapReverseProxy();
app.Run();
