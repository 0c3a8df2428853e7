using Microsoft.Extensions.DependencyInjection.Extensions;
using TrustSafety.Telemetry;
using TrustSafety.Identity.Authorize;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Federation;
using TrustSafety.Identity.People;
using TrustSafety.Identity.StaffAccounts;
using TrustSafety.Identity.Demo;
using TrustSafety.Identity.Health;
using TrustSafety.Identity.Hosting;
using TrustSafety.Identity.Keys;
using TrustSafety.Identity.Login;
using TrustSafety.Identity.Logout;
using TrustSafety.Identity.OpenIdConnect;
using TrustSafety.Identity.Staff;
using TrustSafety.Identity.Token;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatformTelemetry("identity", "Npgsql", "OpenIddict.Server.AspNetCore");

var identity = builder.AddIdentityProviderOptions();
builder.AddSharedDataProtection(identity);
builder.Services.AddSingleton(identity.DemoTrust ? new DemoUsers() : DemoUsers.None);
builder.Services.AddSingleton<SignInFailures>();
builder.Services.AddSingleton<AccountLockout>();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.HideServerSoftware();
builder.Services.AddIdpSession();
builder.AddOpenIdConnectServer(identity);
builder.Services.AddStaffApiAuthentication();
builder.Services.AddStaffAccounts(builder.Configuration);
builder.Services.AddExternalSignIn(identity);
builder.Services.AddIdentityHealthChecks();
// Every error answer of identity's own API is problem details, like the services': a body a binder refused (e.g. JSON
// nested deeper than the platform's limit) gets 400 problem details instead of an empty 400.
builder.Services.AddProblemDetails();
builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.MaxDepth = 32);
builder.AddGatewayForwarding();

var app = builder.Build();

app.UsePublicOrigin(identity);
app.UseNoStore();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapLoginEndpoints();
app.MapAuthorizeEndpoint();
app.MapTokenEndpoint();
app.MapLogoutEndpoint();
app.MapStaffApi();
app.MapStaffAccountsApi();
app.MapExternalSignInEndpoints();
app.MapHealthEndpoints();

await app.RunAsync();
