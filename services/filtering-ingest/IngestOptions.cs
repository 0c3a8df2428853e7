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
    public int DefaultRateLimitPerSecond { get; set; } = 2000;
    public TimeSpan DefaultRotationOverlap { get; set; } = TimeSpan.FromHours(24);
    /// <summary>device-register's base address for trust-wide attribution; empty = every trust-wide event is unattributed.</summary>
    public string? DeviceRegisterUrl { get; set; }
    public TimeSpan DeviceRegisterTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttributionCacheFor { get; set; } = TimeSpan.FromMinutes(5);
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
    public int FlushLines { get; set; } = 500;
}

/// <summary>Tenants this service writes besides the schools.</summary>
public static class IngestTenants
{
    /// <summary>Sources, receipts and trust-wide events nobody could attribute to a school.</summary>
    public const string Trust = "trust";
}
