namespace TrustSafety.Incident.Incidents;

/// <summary>The incident service's own code lists; categories and 4C come from contracts' reference data.</summary>
public static class ReferenceLists
{
    public static readonly IReadOnlyList<string> PersonRoles =
        ["child-victim", "child-instigator", "staff-victim", "staff-instigator", "other"];

    public static readonly IReadOnlyList<string> Sites = ["on-site", "off-site", "unknown"];

    public static readonly IReadOnlyList<string> Devices = ["school-device", "personal-device", "no-device", "unknown"];

    /// <summary>Referral destinations (KCSIE): children's social care / MASH, police, CEOP, IWF, Prevent, LADO, Early Help.</summary>
    public static readonly IReadOnlyList<string> ReferralDestinations =
        ["childrens-social-care", "police", "ceop", "iwf", "prevent", "lado", "early-help"];

    public static readonly IReadOnlyList<string> Statuses = [IncidentStatus.Reported, IncidentStatus.Triaged, IncidentStatus.Closed];

    public static string OneOf(IReadOnlyList<string> values) => string.Join(", ", values);
}

public static class IncidentStatus
{
    public const string Reported = "reported";
    public const string Triaged = "triaged";
    public const string Closed = "closed";
}

public static class IncidentSources
{
    public const string Staff = "staff";
    public const string FilterAlert = "filter-alert";
    public static readonly IReadOnlyList<string> All = [Staff, FilterAlert];
}

public static class ActionKinds
{
    public const string ParentsInformed = "parents-informed";
    public const string ParentsNotInformed = "parents-not-informed";
    public const string Sanction = "sanction";
    public const string Support = "support";
    public const string DeviceSecured = "device-secured";
    public const string HeadteacherInformed = "headteacher-informed";
    public const string AdviceSought = "advice-sought";
}
