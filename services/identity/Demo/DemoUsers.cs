using System.Security.Cryptography;
using System.Text;
using TrustSafety.Platform;

namespace TrustSafety.Identity.Demo;

/// <summary>
/// The demo people of the trust. Local demo only (<c>Identity:DemoTrust=true</c>): every account shares <see cref="DemoPassword"/>.
/// </summary>
public sealed class DemoUsers
{
    public const string DemoPassword = "demo-password";

    private static readonly byte[] DemoPasswordHash = SHA256.HashData(Encoding.UTF8.GetBytes(DemoPassword));

    private readonly Dictionary<string, DemoUser> _byUserName;
    private readonly Dictionary<string, DemoUser> _byId;

    public DemoUsers() : this(Build())
    {
    }

    /// <summary>No accounts at all: what identity holds outside the demo trust (<c>Identity:DemoTrust=false</c>).</summary>
    public static DemoUsers None { get; } = new([]);

    internal DemoUsers(IEnumerable<DemoUser> users)
    {
        All = [.. users];
        _byUserName = All.ToDictionary(u => u.UserName, StringComparer.OrdinalIgnoreCase);
        _byId = All.ToDictionary(u => u.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<DemoUser> All { get; }

    public DemoUser? FindById(string? id) => id is not null && _byId.TryGetValue(id, out var user) ? user : null;

    /// <summary>Returns the user when the password matches; the comparison takes the same time for any input.</summary>
    public DemoUser? Authenticate(string? userName, string? password)
    {
        var candidate = SHA256.HashData(Encoding.UTF8.GetBytes(password ?? string.Empty));
        var passwordMatches = CryptographicOperations.FixedTimeEquals(candidate, DemoPasswordHash);
        var user = userName is not null && _byUserName.TryGetValue(userName.Trim(), out var found) ? found : null;
        return passwordMatches ? user : null;
    }

    private static IEnumerable<DemoUser> Build()
    {
        yield return User("trust.lead", "Trust Safeguarding Lead", PlatformRoles.TrustLead, school: null);
        yield return User("it.admin", "Trust IT Administrator", PlatformRoles.ItAdmin, school: null);

        foreach (var school in DemoTrust.Schools)
        {
            yield return User($"dsl.{school.Slug}", $"DSL, {school.Name}", PlatformRoles.Dsl, school);
        }

        foreach (var school in new[] { DemoTrust.Blakehill, DemoTrust.Caldecote })
        {
            yield return User($"deputy.{school.Slug}", $"Deputy DSL, {school.Name}", PlatformRoles.DeputyDsl, school);
            yield return User($"head.{school.Slug}", $"Headteacher, {school.Name}", PlatformRoles.Headteacher, school);
            yield return User($"staff.{school.Slug}", $"Staff member, {school.Name}", PlatformRoles.Staff, school);
            yield return User($"governor.{school.Slug}", $"Governor, {school.Name}", PlatformRoles.Governor, school);
        }

        yield return User($"it.{DemoTrust.Blakehill.Slug}", $"IT Technician, {DemoTrust.Blakehill.Name}", PlatformRoles.ItAdmin, DemoTrust.Blakehill);
    }

    private static DemoUser User(string userName, string displayName, string role, School? school) =>
        new(SubjectFor(userName), userName, displayName, [role], school?.Urn);

    // Derived from the user name so `sub` is stable across restarts and replicas without a user table.
    private static string SubjectFor(string userName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("trustsafety-demo-user:" + userName));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
