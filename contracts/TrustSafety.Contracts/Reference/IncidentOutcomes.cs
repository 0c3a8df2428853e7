namespace TrustSafety.Contracts.Reference;

/// <summary>
/// How an incident ended, as a code: what IncidentClosed carries to reporting. The DSL's own words about the outcome
/// stay sealed in the incident service (they may name a child and must go with an erasure).
/// </summary>
public static class IncidentOutcomes
{
    public const string Version = "2027.1";

    public const string ResolvedInSchool = "resolved-in-school";
    public const string SupportInPlace = "support-in-place";
    public const string ReferredExternally = "referred-externally";
    public const string NoFurtherAction = "no-further-action";
    public const string NotSubstantiated = "not-substantiated";
    public const string TransferredToAnotherSetting = "transferred-to-another-setting";

    /// <summary>Published for a closure recorded before outcome codes existed: its free text is never published.</summary>
    public const string NotCoded = "not-coded";

    public static readonly IReadOnlyList<string> All =
        [ResolvedInSchool, SupportInPlace, ReferredExternally, NoFurtherAction, NotSubstantiated, TransferredToAnotherSetting];
}
