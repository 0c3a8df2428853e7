namespace TrustSafety.Platform;

public static class PlatformRoles
{
    public const string TrustLead = "trust-lead";
    public const string Dsl = "dsl";
    public const string DeputyDsl = "deputy-dsl";
    public const string Headteacher = "headteacher";
    public const string Staff = "staff";
    public const string Governor = "governor";
    public const string ItAdmin = "it-admin";
    /// <summary>Another TrustSafety service (client-credentials token): no school claim, no person behind it.</summary>
    public const string Service = "service";
    /// <summary>Who may see that an allegation against a member of staff exists: the DSL and the headteacher, in every service.</summary>
    public static readonly string[] StaffAllegationReaders = [Dsl, Headteacher];

    public static readonly string[] SafeguardingTeam = [Dsl, DeputyDsl, Headteacher];
    public static readonly string[] AnySchoolStaff = [Dsl, DeputyDsl, Headteacher, Staff, ItAdmin];
}

public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string School = "school";
}

public static class PlatformPolicies
{
    /// <summary>Any signed-in user who belongs to a school (the tenant comes from the token).</summary>
    public const string SchoolMember = "school-member";
    public const string SafeguardingTeam = "safeguarding-team";
    public const string SchoolStaff = "school-staff";
    public const string TrustLead = "trust-lead";
    public const string ItAdmin = "it-admin";
}
