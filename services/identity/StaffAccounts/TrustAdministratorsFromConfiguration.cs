using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TrustSafety.Identity.Configuration;
using TrustSafety.Identity.Demo;
using TrustSafety.Platform;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>
/// Creates the staff-account tables, then gives each <c>Identity:TrustAdministrators</c> address a trust administrator's
/// account if it has no current one (audited as invited by configuration), so the first administrator can sign in.
/// </summary>
internal sealed class TrustAdministratorsFromConfiguration(IServiceProvider services, IOptions<IdentityProviderOptions> options, TrustSchools trust,
    TimeProvider clock)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StaffAccountsDbContext>();
        await db.CreateTablesIfMissingAsync(cancellationToken);
        foreach (var address in options.Value.TrustAdministrators.Select(a => a.Trim().ToLowerInvariant()).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal))
        {
            if (await db.Accounts.AnyAsync(a => a.Email == address && a.RemovedAt == null, cancellationToken)) continue;
            var (values, errors) = StaffAccountRules.Check(address, address, null, [PlatformRoles.ItAdmin], emailRequired: true, trust);
            if (values is null)
                throw new OptionsValidationException("Identity:TrustAdministrators", typeof(string),
                    [$"Identity:TrustAdministrators: {string.Join(" ", errors.Values.SelectMany(e => e))}"]);
            var account = StaffAccountEndpoints.NewAccount(values, "configuration (Identity:TrustAdministrators)", clock.GetUtcNow());
            db.Accounts.Add(account);
            db.Audit.Add(new StaffAccessAuditEntry
            {
                At = clock.GetUtcNow(), Action = "invited", AccountId = account.Id, Email = address, ActorId = "configuration",
                ActorName = "Identity:TrustAdministrators", Detail = "trust administrator (it-admin, trust-wide)",
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
