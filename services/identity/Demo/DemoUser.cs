namespace TrustSafety.Identity.Demo;

/// <param name="Id">Stable subject identifier (`sub`), the same on every start and every replica.</param>
/// <param name="SchoolUrn">DfE URN of the user's school; null for trust-wide users.</param>
public sealed record DemoUser(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? SchoolUrn);

internal static class DemoUserPerson
{
    public static People.Person AsPerson(this DemoUser user) => new(user.Id, user.UserName, user.DisplayName, user.Roles, user.SchoolUrn);
}
