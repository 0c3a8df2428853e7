using Microsoft.EntityFrameworkCore;
using TrustSafety.Identity.Demo;
using TrustSafety.Identity.StaffAccounts;

namespace TrustSafety.Identity.People;

/// <summary>
/// Who a subject is now: the demo people (demo trust only) and the staff accounts the trust administers. A removed
/// account is nobody, so its session, authorization codes and refresh tokens stop working at once.
/// </summary>
internal sealed class PeopleDirectory(DemoUsers demo, StaffAccountsDbContext accounts)
{
    public async Task<Person?> FindAsync(string? subject, CancellationToken cancellationToken)
    {
        if (demo.FindById(subject) is { } user) return user.AsPerson();
        if (!Guid.TryParse(subject, out var id)) return null;
        var account = await accounts.Accounts.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == id && a.RemovedAt == null, cancellationToken);
        return account?.AsPerson();
    }

    /// <summary>Everyone of one school: demo people and active staff accounts.</summary>
    public async Task<IReadOnlyList<Person>> OfSchoolAsync(string schoolUrn, CancellationToken cancellationToken)
    {
        var staff = await accounts.Accounts.AsNoTracking()
            .Where(a => a.SchoolUrn == schoolUrn && a.RemovedAt == null)
            .ToListAsync(cancellationToken);
        return [.. demo.All.Where(u => u.SchoolUrn == schoolUrn).Select(u => u.AsPerson()), .. staff.Select(a => a.AsPerson())];
    }
}
