namespace TrustSafety.Reporting;

public sealed class EntryPoint;
