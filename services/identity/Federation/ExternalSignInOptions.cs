namespace TrustSafety.Identity.Federation;

/// <summary>
/// <c>Identity:ExternalSignIn</c>: the trust's own accounts. Each provider is on when its <c>ClientId</c> is set.
/// Who may sign in, their school and roles, are staff accounts kept in TrustSafety, never claims from the provider.
/// </summary>
public sealed class ExternalSignInOptions
{
    public EntraSignInOptions Entra { get; set; } = new();

    public GoogleWorkspaceSignInOptions Google { get; set; } = new();
}

/// <summary>Microsoft Entra ID (single tenant): an app registration with a web redirect URI <c>{origin}/account/external/entra/callback</c>.</summary>
public sealed class EntraSignInOptions
{
    /// <summary>The trust's directory (tenant) id: only its accounts are accepted.</summary>
    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Defaults to <c>https://login.microsoftonline.com/{TenantId}/v2.0</c>; tests point it at their own provider.</summary>
    public Uri? Authority { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);

    public string AuthorityUri => Authority?.AbsoluteUri ?? $"https://login.microsoftonline.com/{TenantId}/v2.0";
}

/// <summary>Google Workspace: an OAuth client (web application) with redirect URI <c>{origin}/account/external/google/callback</c>.</summary>
public sealed class GoogleWorkspaceSignInOptions
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The trust's Workspace domain (the <c>hd</c> claim): accounts of any other domain are refused.</summary>
    public string? HostedDomain { get; set; }

    /// <summary>
    /// Google's OAuth endpoints, left unset in every deployment (the handler's defaults are Google's own); the
    /// end-to-end tests point them at a stand-in Google they start on loopback.
    /// </summary>
    public Uri? AuthorizationEndpoint { get; set; }

    public Uri? TokenEndpoint { get; set; }

    public Uri? UserInformationEndpoint { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
