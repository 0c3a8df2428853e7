using TrustSafety.DeviceRegister.AssigningDevices;
using TrustSafety.DeviceRegister.Attribution;
using TrustSafety.DeviceRegister.Coverage;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.ImportingDevices;
using TrustSafety.DeviceRegister.NetworkIdentities;
using TrustSafety.DeviceRegister.RegisteringDevices;
using TrustSafety.DeviceRegister.RetiringDevices;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.DeviceRegister;

public static class DevicePolicies
{
    /// <summary>Register, import, assign, identities: a school's IT admin or its DSL.</summary>
    public const string DeviceManagers = "device-managers";
    /// <summary>Custody steps: the school's safeguarding team (DSL, deputy DSL, headteacher).</summary>
    public const string Custodians = PlatformPolicies.SafeguardingTeam;
    /// <summary>Attribution, coverage, AUP status: IT admin and the safeguarding team of the school.</summary>
    public const string DeviceReaders = "device-readers";

    public static readonly string[] ManagerRoles = [PlatformRoles.ItAdmin, PlatformRoles.Dsl];
    public static readonly string[] ReaderRoles = [PlatformRoles.ItAdmin, PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher];

    public static WebApplicationBuilder AddDevicePolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DeviceManagers, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School).RequireRole(ManagerRoles))
            .AddPolicy(DeviceReaders, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School).RequireRole(ReaderRoles));
        return builder;
    }
}

public static class DeviceRegisterApi
{
    public static WebApplication MapDeviceRegisterApi(this WebApplication app)
    {
        var managed = app.MapGroup("/devices").RequireAuthorization(DevicePolicies.DeviceManagers).WithTags("Devices");
        managed.MapRegisterDevice();
        managed.MapImportDevices();
        managed.MapAssignDevice();
        managed.MapRetireDevice();
        managed.MapNetworkIdentities();

        var read = app.MapGroup("/devices").RequireAuthorization(DevicePolicies.DeviceReaders).WithTags("Devices");
        read.MapDeviceQueries(app, DevicePolicies.DeviceReaders);

        var custody = app.MapGroup("/devices").WithTags("Custody");
        custody.MapCustody(app, DevicePolicies.Custodians);

        app.MapAttribution(DevicePolicies.DeviceReaders);
        app.MapCoverage(DevicePolicies.DeviceReaders);
        return app;
    }
}
