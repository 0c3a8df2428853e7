namespace TrustSafety.FilteringIngest;

public sealed class EntryPoint;
