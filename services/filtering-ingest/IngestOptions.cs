namespace TrustSafety.FilteringIngest;

public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>
    /// Key material for encrypting source secrets at rest (AES-GCM, key = SHA-256 of this value). The value in
    /// appsettings.json is a LOCAL DEMO default: set Ingest__SecretEncryptionKey to a long random secret in any real deployment.
    /// </summary>
    public string SecretEncryptionKey { get; set; } = "";
    public long MaxBodyBytes { get; set; } = 5 * 1024 * 1024;
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Requests per second a source gets per replica when it is registered without its own rate (one second of burst).
    /// 1,000 is about 45 % of the 2,242 single-event requests/s one replica sustained through the gateway on the
    /// 2-core bench machine (bench/RESULTS.md, `ingest.single.requests_per_s`), and below the 1,569 req/s (70 %) at which
    /// p99 stayed at 36 ms: one source alone cannot drive a replica into queueing. The old 2,000 was above that.
    /// </summary>
    public int DefaultRateLimitPerSecond { get; set; } = 1000;
    /// <summary>
    /// Failed webhook requests (unknown source, bad signature, token or clientState) one caller (remote address, or the
    /// gateway's X-Forwarded-For) may make per minute after its burst; over it, 429 before any lookup or cache entry.
    /// Authenticated requests never count. 300 a minute (5/s) is far above a misconfigured vendor's retries.
    /// </summary>
    public int FailingCallerPerMinute { get; set; } = 300;
    public int FailingCallerBurst { get; set; } = 20;
    /// <summary>Addresses whose X-Forwarded-For names the caller (the gateway). Empty: the connection's address is the caller.</summary>
    public string[] TrustedProxies { get; set; } = ["127.0.0.1", "::1"];
    /// <summary>Source lookups kept in memory (found or not), each for a few seconds; bounded so made-up ids cannot grow it.</summary>
    public int SourceCacheEntries { get; set; } = 10_000;
    public TimeSpan DefaultRotationOverlap { get; set; } = TimeSpan.FromHours(24);
    /// <summary>device-register's base address for trust-wide attribution; empty = every trust-wide event is unattributed.</summary>
    public string? DeviceRegisterUrl { get; set; }
    public TimeSpan DeviceRegisterTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttributionCacheFor { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// device-register answers kept at once (identity × hour). 200,000 covers a 60-school trust's pupils and devices
    /// (about 60,000 × a few identities each) within one cache period; beyond it lookups are simply asked again.
    /// </summary>
    public int AttributionCacheEntries { get; set; } = 200_000;
    public SyslogOptions Syslog { get; set; } = new();
}

public sealed class SyslogOptions
{
    /// <summary>0 disables the listener; -1 picks a free port (tests).</summary>
    public int TcpPort { get; set; } = 5514;
    public int UdpPort { get; set; } = 5514;
    public string BindAddress { get; set; } = "0.0.0.0";
    public int MaxLineBytes { get; set; } = 64 * 1024;
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    /// <summary>The widest IPv4 range an allow-list may name (/24: 256 addresses); 0.0.0.0/0 and the like are refused.</summary>
    public int MinIPv4PrefixLength { get; set; } = 24;
    /// <summary>The widest IPv6 range an allow-list may name (/64: one subnet).</summary>
    public int MinIPv6PrefixLength { get; set; } = 64;
    public int FlushLines { get; set; } = 500;
}

/// <summary>Tenants this service writes besides the schools.</summary>
public static class IngestTenants
{
    /// <summary>Sources, receipts and trust-wide events nobody could attribute to a school.</summary>
    public const string Trust = "trust";
}
