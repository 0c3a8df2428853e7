using Microsoft.EntityFrameworkCore;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.People;
using TrustSafety.Platform;

namespace TrustSafety.Identity.StaffAccounts;

internal static class StaffAccountsSetup
{
    /// <summary>Staff accounts in identity's PostgreSQL database; registered after OpenIddict so its schema exists first.</summary>
    public static void AddStaffAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<StaffAccountsDbContext>(o => o.UseNpgsql(configuration.PostgresConnectionString()));
        services.AddTrustSchools();
        services.AddScoped<PeopleDirectory>();
        services.AddHostedService<TrustAdministratorsFromConfiguration>();
    }
}
