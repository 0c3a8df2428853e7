using TrustSafety.Incident.Incidents;

namespace TrustSafety.Incident.RoutingIncidents;

/// <summary>
/// A step a route can ask for, and what satisfies it: a referral to <see cref="ReferralDestination"/>, or an action of
/// <see cref="ActionKind"/>; any step may instead be answered by a recorded decision not to take it, with its rationale.
/// </summary>
public sealed record RouteStepKind(string Code, string Label, string? ReferralDestination, string? ActionKind);

/// <summary>The steps a route can ask for. Code, not data: what satisfies a step is the service's own behaviour.</summary>
public static class RouteStepKinds
{
    public const string Police = "refer-police";
    public const string Lado = "refer-lado";
    public const string Prevent = "refer-prevent";
    public const string Iwf = "refer-iwf";
    public const string Ceop = "refer-ceop";
    public const string ChildrensSocialCare = "refer-childrens-social-care";
    public const string InformHeadteacher = "inform-headteacher";
    public const string ConsultAdviceLine = "consult-advice-line";

    public static readonly IReadOnlyList<RouteStepKind> All =
    [
        new(Police, "Refer to the police", "police", null),
        new(Lado, "Refer to the LADO (allegation against staff)", "lado", null),
        new(Prevent, "Refer to Prevent", "prevent", null),
        new(Iwf, "Report to the Internet Watch Foundation (IWF)", "iwf", null),
        new(Ceop, "Report to CEOP", "ceop", null),
        new(ChildrensSocialCare, "Refer to children's social care (MASH)", "childrens-social-care", null),
        new(InformHeadteacher, "Inform the headteacher", null, ActionKinds.HeadteacherInformed),
        new(ConsultAdviceLine, "Consult the safeguarding advice line", null, ActionKinds.AdviceSought),
    ];

    public static readonly IReadOnlyList<string> Codes = All.Select(s => s.Code).ToList();

    public static RouteStepKind Of(string code) => All.Single(s => s.Code == code);
}

public static class RouteLevels
{
    public const string Required = "required";
    public const string Suggested = "suggested";
}

/// <summary>
/// When a rule applies: every condition given must hold (a list holds when any of its values does); an empty
/// condition holds for every triage. PersonRoles match the roles of the people recorded on the concern.
/// </summary>
public sealed record RouteCondition(
    bool? Illegal = null, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? FourC = null, int? MinSeverity = null,
    IReadOnlyList<string>? PersonRoles = null);

/// <summary>One rule: when it applies, the steps it requires and the steps it suggests; Source says where it comes from.</summary>
public sealed record RouteRule(
    string Id, string Description, string? Source, RouteCondition When, IReadOnlyList<string> Required, IReadOnlyList<string> Suggested);

/// <summary>
/// One published version of the trust's route rules (versioned reference data, stored in the trust's own tenant).
/// Version 1 is <see cref="DefaultRouteRules"/> and is never stored; the trust lead publishes 2, 3, …; a version is
/// never changed once published, so an incident triaged under it keeps its route.
/// </summary>
public sealed class RouteRuleSet
{
    public string Id { get; set; } = "";
    public int RulesVersion { get; set; }
    public List<RouteRule> Rules { get; set; } = [];
    public string PublishedBy { get; set; } = "";
    public string PublishedByName { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
    public string Rationale { get; set; } = "";
    public bool IsDefault { get; set; }

    public static string IdOf(int version) => $"route-rules-{version}";
}

/// <summary>
/// Version 1: the defaults, from the five schools' policies (../shared/seeds) and KCSIE. A trust changes them by
/// publishing a new version (POST /route-rules); see the incident README.
/// </summary>
public static class DefaultRouteRules
{
    public const int Version = 1;

    public static readonly IReadOnlyList<RouteRule> Rules =
    [
        new("illegal", "The activity is illegal", "Caldecote: illegal activity involving a child, refer directly to the police; " +
                "Wodensfield: illegal activity, contact the police (101, or 999 in immediate danger); KCSIE Part 1",
            new(Illegal: true), [RouteStepKinds.Police], [RouteStepKinds.InformHeadteacher]),
        new("allegation-against-staff", "An adult in the school is the instigator", "KCSIE Part 4 (allegations against staff); " +
                "Caldecote: staff instigator, managing-allegations procedure and the LADO; Wodensfield: staff online conduct discussed with the LADO",
            new(PersonRoles: ["staff-instigator"]), [RouteStepKinds.Lado, RouteStepKinds.InformHeadteacher], []),
        new("staff-misuse", "Staff misuse of technology", "KCSIE Part 4: concerns about staff go to the headteacher; allegations to the LADO",
            new(Categories: ["staff-misuse"]), [RouteStepKinds.InformHeadteacher], [RouteStepKinds.Lado]),
        new("extremism", "Radicalisation or extremism", "Caldecote: extremist or cultural concerns, refer to the school's Prevent lead; " +
                "Prevent duty (KCSIE Part 1)",
            new(Categories: ["radicalisation-extremism"]), [RouteStepKinds.Prevent], [RouteStepKinds.Police]),
        new("indecent-images", "Indecent images of children", "Wodensfield: illegal material reported to the IWF, the police and/or CEOP; UKCIS",
            new(Categories: ["indecent-images-of-children"]), [RouteStepKinds.Police, RouteStepKinds.Iwf], [RouteStepKinds.Ceop]),
        new("grooming-exploitation", "Grooming or exploitation", "KCSIE: exploitation is a child-protection concern, children's social care " +
                "and the police; CEOP for online sexual abuse",
            new(Categories: ["grooming-exploitation"]), [RouteStepKinds.ChildrensSocialCare, RouteStepKinds.Police], [RouteStepKinds.Ceop]),
        new("nudes-semi-nudes", "Nudes and semi-nudes", "UKCIS Sharing nudes and semi-nudes: refer to children's social care and/or the police " +
                "when the risk assessment calls for it; Wodensfield",
            new(Categories: ["nudes-semi-nudes"]), [], [RouteStepKinds.ChildrensSocialCare, RouteStepKinds.Police, RouteStepKinds.ConsultAdviceLine]),
        new("contact-with-strangers", "Contact with strangers", "CEOP: online sexual contact or grooming by a stranger",
            new(Categories: ["contact-with-strangers"]), [], [RouteStepKinds.Ceop, RouteStepKinds.ConsultAdviceLine]),
        new("self-harm-mental-health", "Self-harm, suicide or a mental-health concern", "KCSIE Part 1: mental health and safeguarding; " +
                "advice from the local authority's safeguarding service",
            new(Categories: ["self-harm-suicide-eating-disorder", "mental-health-concern"]), [],
            [RouteStepKinds.ConsultAdviceLine, RouteStepKinds.ChildrensSocialCare, RouteStepKinds.InformHeadteacher]),
        new("fraud-phishing", "Fraud or phishing", "KCSIE Annex B (cybercrime): the police", new(Categories: ["fraud-phishing"]), [],
            [RouteStepKinds.Police]),
        new("staff-victim", "A member of staff is harmed or affected", "Caldecote: staff victim, seek advice from HR and/or the education " +
                "child-protection service",
            new(PersonRoles: ["staff-victim"]), [], [RouteStepKinds.ConsultAdviceLine, RouteStepKinds.InformHeadteacher]),
        new("critical", "Severity 5 (critical)", "Blakehill: the headteacher is informed where appropriate",
            new(MinSeverity: 5), [RouteStepKinds.InformHeadteacher], []),
        new("serious-or-unsure", "Severity 4 or 5", "Caldecote step 2: in doubt, consult the education safeguarding advice line; " +
                "Wodensfield: if unsure, seek advice from the Education Safeguarding Service",
            new(MinSeverity: 4), [], [RouteStepKinds.ConsultAdviceLine]),
    ];

    public static RouteRuleSet Set => new()
    {
        Id = RouteRuleSet.IdOf(Version), RulesVersion = Version, Rules = [.. Rules], PublishedBy = "defaults",
        PublishedByName = "TrustSafety defaults (school policies and KCSIE)", Rationale = "The defaults", IsDefault = true,
    };
}
