using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TrustSafety.Identity.StaffAccounts;

/// <summary>
/// Staff accounts and their audit, beside OpenIddict's tables in identity's database. A context of its own so its
/// tables can be added to a database whose OpenIddict tables already exist (EnsureCreated does nothing there).
/// </summary>
public sealed class StaffAccountsDbContext(DbContextOptions<StaffAccountsDbContext> options) : DbContext(options)
{
    public DbSet<StaffAccount> Accounts => Set<StaffAccount>();

    public DbSet<StaffAccessAuditEntry> Audit => Set<StaffAccessAuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<StaffAccount>(account =>
        {
            account.ToTable("staff_accounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Email).HasMaxLength(254);
            account.Property(a => a.Name).HasMaxLength(200);
            account.Property(a => a.SchoolUrn).HasMaxLength(6);
            account.Property(a => a.Version).IsConcurrencyToken();
            // One live account per address; removed ones stay for the record.
            account.HasIndex(a => a.Email).IsUnique().HasFilter("\"RemovedAt\" IS NULL");
            account.HasIndex(a => new { a.Provider, a.ExternalSubject });
        });
        model.Entity<StaffAccessAuditEntry>(audit =>
        {
            audit.ToTable("staff_access_audit");
            audit.HasKey(a => a.Id);
            audit.HasIndex(a => a.At);
        });
    }

    /// <summary>Creates the two tables when they are missing (first start, or a database from before staff accounts).</summary>
    public async Task CreateTablesIfMissingAsync(CancellationToken cancellationToken)
    {
        var connection = Database.GetDbConnection();
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "select to_regclass('staff_accounts') is not null";
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!) return;
            await this.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created them at the same moment.
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }
}
