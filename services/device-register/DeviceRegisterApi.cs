using System.Security.Claims;
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
using TrustSafety.Platform;

namespace TrustSafety.DeviceRegister;

public static class DevicePolicies
{
    /// <summary>Register, import, assign, identities: a school's IT admin or its DSL.</summary>
    public const string DeviceManagers = "device-managers";
    /// <summary>Custody steps: the school's safeguarding team (DSL, deputy DSL, headteacher).</summary>
    public const string Custodians = PlatformPolicies.SafeguardingTeam;
    /// <summary>Attribution, coverage, AUP status: IT admin and the safeguarding team of the school.</summary>
    public const string DeviceReaders = "device-readers";
    /// <summary>Attribution across every school (<c>scope=trust</c>): another service, or a trust IT admin (no school claim).</summary>
    public const string TrustWideAttribution = "trust-wide-attribution";
    /// <summary>The attribution route: a school's device readers, or a trust-wide attribution caller; the handler tells them apart.</summary>
    public const string AttributionCallers = "attribution-callers";
    /// <summary>Cross-school identity conflicts: a school's IT admin or DSL (their own), the trust IT admin or trust lead (all).</summary>
    public const string ConflictReaders = "identity-conflict-readers";
    /// <summary>Running the cross-school conflict scan on demand: the trust IT admin only.</summary>
    public const string ConflictScanners = "identity-conflict-scanners";

    public static readonly string[] ManagerRoles = [PlatformRoles.ItAdmin, PlatformRoles.Dsl];
    public static readonly string[] ReaderRoles = [PlatformRoles.ItAdmin, PlatformRoles.Dsl, PlatformRoles.DeputyDsl, PlatformRoles.Headteacher];

    public static WebApplicationBuilder AddDevicePolicies(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(DeviceManagers, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School).RequireRole(ManagerRoles))
            .AddPolicy(DeviceReaders, p => p.RequireAuthenticatedUser().RequireClaim(PlatformClaims.School).RequireRole(ReaderRoles))
            .AddPolicy(TrustWideAttribution, p => p.RequireAuthenticatedUser().RequireAssertion(c => IsTrustWideCaller(c.User)))
            .AddPolicy(AttributionCallers, p => p.RequireAuthenticatedUser()
                .RequireAssertion(c => IsTrustWideCaller(c.User) || IsSchoolReader(c.User)))
            .AddPolicy(ConflictReaders, p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.HasClaim(h => h.Type == PlatformClaims.School)
                ? ManagerRoles.Any(r => c.User.HasClaim(PlatformClaims.Role, r))
                : c.User.HasClaim(PlatformClaims.Role, PlatformRoles.ItAdmin) || c.User.HasClaim(PlatformClaims.Role, PlatformRoles.TrustLead)))
            .AddPolicy(ConflictScanners, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                !c.User.HasClaim(h => h.Type == PlatformClaims.School) && c.User.HasClaim(PlatformClaims.Role, PlatformRoles.ItAdmin)));
        return builder;
    }

    private static bool IsTrustWideCaller(ClaimsPrincipal user) =>
        !user.HasClaim(c => c.Type == PlatformClaims.School)
        && (user.HasClaim(PlatformClaims.Role, PlatformRoles.Service) || user.HasClaim(PlatformClaims.Role, PlatformRoles.ItAdmin));

    private static bool IsSchoolReader(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == PlatformClaims.School) && ReaderRoles.Any(r => user.HasClaim(PlatformClaims.Role, r));
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

        app.MapAttribution(DevicePolicies.AttributionCallers);
        app.MapCoverage(DevicePolicies.DeviceReaders);
        app.MapIdentityConflicts();
        IdentityConflictScan.MapConflictScan(app);
        return app;
    }
}
