namespace TrustSafety.Identity.DemoTrust;

public static class Roles
{
    public const string TrustLead = "trust-lead";
    public const string Dsl = "dsl";
    public const string DeputyDsl = "deputy-dsl";
    public const string Headteacher = "headteacher";
    public const string Staff = "staff";
    public const string Governor = "governor";
    public const string ItAdmin = "it-admin";
}
