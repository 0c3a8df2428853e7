namespace TrustSafety.FilteringIngest.Attribution;

/// <summary>
/// This service's own identity towards other services (client-credentials grant), bound from <c>Ingest:ServiceClient</c>.
/// The defaults match identity's LOCAL DEMO client; set <c>Ingest__ServiceClient__ClientSecret</c> (and identity's
/// <c>Identity__ServiceClients__0__ClientSecret</c>) to the same long random secret anywhere real.
/// </summary>
public sealed class ServiceClientOptions
{
    public const string Section = "Ingest:ServiceClient";
    public const string LocalDemoSecret = "LOCAL-DEMO-ONLY-filtering-ingest-client-secret-change-me";

    /// <summary>Identity's token endpoint; empty = <c>{Authentication:Authority}connect/token</c>.</summary>
    public string? TokenEndpoint { get; set; }
    public string ClientId { get; set; } = "filtering-ingest";
    public string ClientSecret { get; set; } = LocalDemoSecret;
    public TimeSpan TokenTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
