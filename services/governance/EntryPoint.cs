namespace TrustSafety.Governance;

public sealed class EntryPoint;
