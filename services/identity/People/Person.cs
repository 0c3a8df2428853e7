namespace TrustSafety.Identity.People;

/// <summary>Someone identity issues tokens for: a demo person, or a staff account the trust administers.</summary>
/// <param name="Id">The stable subject (<c>sub</c>) other services store.</param>
/// <param name="UserName">The demo user name, or the staff account's e-mail address.</param>
/// <param name="SchoolUrn">DfE URN of the person's school; null for trust-wide people.</param>
public sealed record Person(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? SchoolUrn);
