namespace TrustSafety.Gateway;

/// <summary>Names this assembly for WebApplicationFactory in tests.</summary>
public sealed class EntryPoint;
