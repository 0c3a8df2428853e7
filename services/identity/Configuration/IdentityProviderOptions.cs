using System.ComponentModel.DataAnnotations;
using TrustSafety.Identity.ServiceClients;


namespace TrustSafety.Identity.Configuration;

/// <summary>Bound from the <c>Identity</c> configuration section.</summary>
public sealed class IdentityProviderOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// The one issuer stamped into every token, whichever host name (gateway or direct) the request came through.
    /// </summary>
    [Required]
    public Uri Issuer { get; set; } = new("http://127.0.0.1:5090/");

    /// <summary>
    /// The origin browsers and services reach identity through (e.g. <c>https://safety.example-trust.org.uk/</c>, the
    /// gateway behind the ingress): when set, discovery endpoints, login redirects and form actions name it whatever
    /// Host header a request came with. Unset (one machine): they follow the host a request was addressed to.
    /// Scheme, host and optional port only.
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>
    /// PEM file holding the RSA token-signing key, created on first start when missing. A relative path is
    /// resolved against the repository root (the folder holding TrustSafety.sln above the content root), or
    /// against a <c>trustsafety</c> folder in the temp directory when there is no repository.
    /// Every replica must read the same file (for example a mounted Kubernetes secret).
    /// </summary>
    [Required]
    public string SigningKeyPath { get; set; } = ".run/identity-signing-key.pem";

    /// <summary>PEM file holding the RSA key that encrypts authorization codes and refresh tokens.</summary>
    [Required]
    public string EncryptionKeyPath { get; set; } = ".run/identity-encryption-key.pem";

    /// <summary>
    /// Folder of ASP.NET Core data-protection keys (login cookie, antiforgery), resolved like the key paths,
    /// so a sign-in on one replica is honoured by the others.
    /// </summary>
    [Required]
    public string DataProtectionKeysPath { get; set; } = ".run/identity-data-protection";

    /// <summary>
    /// The dashboard's sign-in callbacks. None configured: the local ones (<see cref="DefaultDashboardRedirectUris"/>).
    /// Not in appsettings.json: configuration arrays merge by index, so an environment setting entry 0 would keep the
    /// file's localhost entry 1.
    /// </summary>
    public List<Uri> DashboardRedirectUris { get; set; } = [];

    /// <summary>
    /// Confidential clients of other services (client-credentials grant). appsettings.json holds a LOCAL DEMO entry
    /// for filtering-ingest; set <c>Identity__ServiceClients__0__ClientSecret</c> to a long random secret anywhere real.
    /// </summary>
    public List<ServiceClientOptions> ServiceClients { get; set; } = [];

    public List<Uri> DashboardPostLogoutRedirectUris { get; set; } = [];

    /// <summary>
    /// The demo trust: its demo people, their shared demo password and the password grant (CLI client) exist only
    /// when this is true (./run.sh and test fixtures set it). Off by default: anywhere real, people sign in with the
    /// authorization code flow against accounts the trust provides, never with a shared password.
    /// </summary>
    public bool DemoTrust { get; set; }

    /// <summary>Sign-in with the trust's own accounts (Microsoft Entra ID, Google Workspace), mapped to staff accounts.</summary>
    public Federation.ExternalSignInOptions ExternalSignIn { get; set; } = new();

    /// <summary>
    /// E-mail addresses given a trust administrator's staff account (trust-wide <c>it-admin</c>) at start-up when they
    /// have none: how the first administrator gets in before anyone can invite. Audited as invited by configuration.
    /// </summary>
    public List<string> TrustAdministrators { get; set; } = [];

    /// <summary>Per-account lockout after repeated failed sign-ins, whatever address they come from.</summary>
    public LockoutOptions Lockout { get; set; } = new();

    internal static IReadOnlyList<Uri> DefaultDashboardRedirectUris { get; } =
    [
        new("http://127.0.0.1:5080/signin-callback.html"),
        new("http://localhost:5080/signin-callback.html"),
    ];

    internal static IReadOnlyList<Uri> DefaultDashboardPostLogoutRedirectUris { get; } =
    [
        new("http://127.0.0.1:5080/"),
        new("http://localhost:5080/"),
    ];
}

public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins for one user name, within <see cref="Duration"/>, that lock it.</summary>
    [Range(1, 1000)]
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked user name stays locked (and how long failures are remembered).</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
