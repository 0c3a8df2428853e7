using static OpenIddict.Abstractions.OpenIddictConstants;

namespace TrustSafety.Identity.OpenIdConnect;

public static class TrustSafetyScopes
{
    /// <summary>Grants the <c>school</c> claim.</summary>
    public const string School = "school";

    /// <summary>Grants access to the TrustSafety services: tokens carry <c>aud</c> = <see cref="ApiResource"/>.</summary>
    public const string Api = "api";

    public const string ApiResource = "trustsafety-api";

    public static readonly string[] All = [Scopes.OpenId, Scopes.Profile, Scopes.Roles, School, Api, Scopes.OfflineAccess];
}

public static class TrustSafetyClaims
{
    /// <summary>DfE URN of the user's school (the tenant); absent for trust-wide users.</summary>
    public const string School = "school";
}

public static class TrustSafetyClients
{
    public const string Cli = "trustsafety-cli";
    public const string Dashboard = "trustsafety-dashboard";
}
