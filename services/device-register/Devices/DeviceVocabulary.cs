namespace TrustSafety.DeviceRegister.Devices;

public static class DeviceKinds
{
    public static readonly string[] All = ["ipad", "tablet", "chromebook", "laptop", "desktop", "phone", "camera", "other"];
}

public static class Ownerships
{
    public const string School = "school";
    /// <summary>A pupil's own phone, registered only to record its custody.</summary>
    public const string PupilPersonal = "pupil-personal";
}

public static class AssigneeKinds
{
    public const string Staff = "staff";
    public const string Pupil = "pupil";
    public const string Class = "class";
    public const string Room = "room";
    public static readonly string[] All = [Staff, Pupil, Class, Room];

    /// <summary>The AUP audience a person must have signed for, or null when the assignee is not a person.</summary>
    public static string? AupAudience(string kind) => kind switch
    {
        Staff => Contracts.Consent.AupAudiences.Staff,
        Pupil => Contracts.Consent.AupAudiences.Pupil,
        _ => null,
    };
}

public static class DeviceStatuses
{
    public const string Active = "active";
    public const string Lost = "lost";
    public const string Stolen = "stolen";
    public const string Retired = "retired";
}

public static class IdentityKinds
{
    public const string Ip = "ip";
    public const string IpRange = "ip-range";
    public const string Hostname = "hostname";
    public const string Mac = "mac";
    /// <summary>A sign-in account (UPN, Managed Apple ID, Google account, DOMAIN\name) signed in on the device.</summary>
    public const string User = "user";
    public static readonly string[] All = [Ip, IpRange, Hostname, Mac, User];
}
