namespace TrustSafety.Notifications;

public sealed class EntryPoint;
