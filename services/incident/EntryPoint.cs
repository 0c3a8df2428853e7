namespace TrustSafety.Incident;

/// <summary>Lets tests host the service with <c>ServiceHost&lt;EntryPoint&gt;</c>.</summary>
public sealed class EntryPoint;
