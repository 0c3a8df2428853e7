namespace TrustSafety.Incident.Agencies;

/// <summary>An agency a DSL may need to call, and its built-in default contact.</summary>
public sealed record AgencyKind(string Code, string Label, AgencyContactDetails Default);

public sealed record AgencyContactDetails(string Name, string? Phone, string? OutOfHoursPhone, string? Email, string? Web, string? Notes);

/// <summary>
/// The agencies of the directory. Built-in defaults: national services as published, local ones from the Wolverhampton
/// contacts in Wodensfield's policy (../shared/seeds), where the demo trust's schools are. The trust lead replaces them with
/// the trust's own defaults; a school's DSL overrides any for their school.
/// </summary>
public static class AgencyKinds
{
    public static readonly IReadOnlyList<AgencyKind> All =
    [
        new("mash", "Multi-Agency Safeguarding Hub (MASH)",
            new("Wolverhampton MASH (children's social care)", "01902 555392", null, null, null, "Referrals and consultations in working hours.")),
        new("out-of-hours-social-care", "Out-of-hours children's social care",
            new("Wolverhampton emergency duty team", "01902 552999", "01902 552999", null, null, "Evenings, weekends and bank holidays.")),
        new("lado", "Local Authority Designated Officer (LADO)",
            new("Wolverhampton LADO", "01902 550661", null, "LADO@wolverhampton.gov.uk", null, "Allegations against staff: call before investigating.")),
        new("prevent", "Prevent",
            new("Wolverhampton Prevent Team (Community Safety)", "01902 551214", null, "Safer@wolverhampton.gov.uk", null, null)),
        new("police", "Police",
            new("West Midlands Police", "101", "999", null, "https://www.west-midlands.police.uk", "999 when a child is in immediate danger.")),
        new("education-safeguarding", "Local authority education safeguarding service (advice line)",
            new("Education safeguarding advice line", null, null, null, null, "Set the local number: ask the trust lead.")),
        new("ceop", "CEOP (National Crime Agency)",
            new("CEOP Safety Centre", null, null, null, "https://www.ceop.police.uk/Safety-Centre/", "Online sexual abuse or grooming reports.")),
        new("iwf", "Internet Watch Foundation (IWF)",
            new("Internet Watch Foundation", null, null, null, "https://report.iwf.org.uk/", "Report indecent images of children online; never download them.")),
        new("nspcc", "NSPCC",
            new("NSPCC helpline", "0808 800 5000", null, "help@nspcc.org.uk", "https://www.nspcc.org.uk", "Whistleblowing advice line 0800 028 0285.")),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(a => a.Code).ToList();

    public static AgencyKind? Of(string code) => All.FirstOrDefault(a => a.Code == code);
}

/// <summary>
/// One agency's contact as set by the trust (in the trust's own tenant) or by a school (in its tenant); Id is the agency
/// code. Revision counts the changes (the ETag of an edit).
/// </summary>
public sealed class AgencyContact
{
    public string Id { get; set; } = "";
    public AgencyContactDetails Details { get; set; } = new("", null, null, null, null, null);
    public int Revision { get; set; }
    public string UpdatedBy { get; set; } = "";
    public string UpdatedByName { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>An entry as a reader sees it: which level it comes from (school, trust or built-in) and the caller's revision to edit.</summary>
public sealed record AgencyEntry(
    string Code, string Label, AgencyContactDetails Contact, string Source, string? UpdatedByName, DateTimeOffset? UpdatedAt,
    int EditRevision, AgencyContactDetails? TrustDefault);

public static class AgencySources
{
    public const string School = "school";
    public const string Trust = "trust";
    public const string BuiltIn = "built-in";
}
