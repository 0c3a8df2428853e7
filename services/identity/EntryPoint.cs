namespace TrustSafety.Identity;

/// <summary>Names this assembly for WebApplicationFactory in tests (every service's Program is internal).</summary>
public sealed class EntryPoint;
