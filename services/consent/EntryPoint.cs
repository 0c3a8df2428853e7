namespace TrustSafety.Consent;

public sealed class EntryPoint;
