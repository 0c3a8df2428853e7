namespace TrustSafety.Contracts.Reference;

/// <summary>
/// What an agency decided about a referral, as a code: what ReferralOutcomeRecordedV2 carries to reporting and
/// notifications. Drawn from Working Together to Safeguard Children (2023) and KCSIE: children's social care accepts for
/// a child and family (section 17) assessment, holds a strategy discussion or opens a section 47 enquiry, steps down to
/// early help, or takes no further action; the police investigate; the LADO manages an allegation; IWF, CEOP or a
/// platform removes content; an advice line gives advice; anyone may pass it on. The DSL's own words about the outcome
/// stay sealed in the incident service. "Awaiting a response" is not an outcome: a referral without one stays open and
/// is listed as overdue after its due date.
/// </summary>
public static class ReferralOutcomes
{
    public const string Version = "2027.1";

    public const string AcceptedForAssessment = "accepted-for-assessment";
    public const string StrategyDiscussion = "strategy-discussion";
    public const string Section47Enquiry = "section-47-enquiry";
    public const string PoliceInvestigation = "police-investigation";
    public const string AllegationsManagement = "allegations-management";
    public const string EarlyHelp = "early-help";
    public const string ContentRemoved = "content-removed";
    public const string AdviceGiven = "advice-given";
    public const string ReferredOn = "referred-on";
    public const string NoFurtherAction = "no-further-action";

    /// <summary>Published for an outcome recorded before codes existed: its free text is never published.</summary>
    public const string NotCoded = "not-coded";

    public static readonly IReadOnlyList<string> All =
    [
        AcceptedForAssessment, StrategyDiscussion, Section47Enquiry, PoliceInvestigation, AllegationsManagement, EarlyHelp,
        ContentRemoved, AdviceGiven, ReferredOn, NoFurtherAction,
    ];

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AcceptedForAssessment] = "Accepted for a child and family assessment",
        [StrategyDiscussion] = "Strategy discussion held",
        [Section47Enquiry] = "Section 47 enquiry opened",
        [PoliceInvestigation] = "Police investigating",
        [AllegationsManagement] = "LADO: managed under the allegations procedure",
        [EarlyHelp] = "Stepped down to early help",
        [ContentRemoved] = "Content removed (IWF, CEOP or the platform)",
        [AdviceGiven] = "Advice given; managed by the school",
        [ReferredOn] = "Referred on to another agency",
        [NoFurtherAction] = "No further action",
    };
}
