using Marten.Metadata;

namespace TrustSafety.Consent.RecordingStaffAccounts;

/// <summary>A member of staff's sign-in accounts (StaffId = identity's subject id), so an alert on one is recognised.</summary>
public sealed record StaffSignInAccountsSet(string StaffId, IReadOnlyList<string> Accounts, DateTimeOffset At);

/// <summary>A member of staff's sign-in accounts (the roster's staff side; names come from identity's directory).</summary>
public sealed class StaffAccounts : ITenanted
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string? TenantId { get; set; }
    public string StaffId { get; set; } = "";
    public List<string> Accounts { get; set; } = [];

    public static StaffAccounts Create(StaffSignInAccountsSet e) => new() { StaffId = e.StaffId, Accounts = [.. e.Accounts] };
    public void Apply(StaffSignInAccountsSet e) => Accounts = [.. e.Accounts];
}
