namespace TrustSafety.Incident.Retention;

/// <summary>How long each kind of record is kept, and what happens then. Bound from "Retention", validated at start.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public ChildProtectionFileRule ChildProtectionFile { get; set; } = new();
    public RetentionRule StaffAllegation { get; set; } = new() { Years = 10, Action = RetentionActions.Review };
    public RetentionRule OnlineSafetyIncident { get; set; } = new() { Years = 6, Action = RetentionActions.Dispose };

    /// <summary>Read by filtering-ingest (Retention:RawVendorPayloadDays): raw vendor payloads older than this are deleted.</summary>
    public int RawVendorPayloadDays { get; set; } = 30;

    /// <summary>How often the leader replica runs the review on its own.</summary>
    public TimeSpan ReviewInterval { get; set; } = TimeSpan.FromHours(6);

    public IEnumerable<string> Problems()
    {
        if (ChildProtectionFile.YearsAfterDateOfBirth is < 1 or > 100) yield return "Retention:ChildProtectionFile:YearsAfterDateOfBirth must be 1-100 (IRMS: 25).";
        if (ChildProtectionFile.YearsAfterReportWithoutDateOfBirth is < 1 or > 100) yield return "Retention:ChildProtectionFile:YearsAfterReportWithoutDateOfBirth must be 1-100.";
        if (ChildProtectionFile.MinimumSeverity is < 1 or > 5) yield return "Retention:ChildProtectionFile:MinimumSeverity must be 1-5.";
        if (ChildProtectionFile.Action != RetentionActions.Review) yield return "Retention:ChildProtectionFile:Action must be 'review': child-protection files are never disposed of unseen.";
        foreach (var (name, rule) in new[] { ("StaffAllegation", StaffAllegation), ("OnlineSafetyIncident", OnlineSafetyIncident) })
        {
            if (rule.Years is < 1 or > 100) yield return $"Retention:{name}:Years must be 1-100.";
            if (!RetentionActions.All.Contains(rule.Action)) yield return $"Retention:{name}:Action must be 'review' or 'dispose'.";
        }
        if (RawVendorPayloadDays is < 1 or > 3650) yield return "Retention:RawVendorPayloadDays must be 1-3650.";
        if (ReviewInterval < TimeSpan.FromSeconds(1)) yield return "Retention:ReviewInterval must be at least 00:00:01.";
    }
}

public class RetentionRule
{
    public int Years { get; set; }
    public string Action { get; set; } = RetentionActions.Review;
}

/// <summary>Keeping Children Safe in Education / IRMS toolkit: the child's date of birth + 25 years, then review.</summary>
public sealed class ChildProtectionFileRule : RetentionRule
{
    public ChildProtectionFileRule() { Years = 25; }
    public int YearsAfterDateOfBirth { get => Years; set => Years = value; }
    public int YearsAfterReportWithoutDateOfBirth { get; set; } = 25;

    /// <summary>A triaged severity from which an incident is treated as a child-protection file (as is any referral or illegal content).</summary>
    public int MinimumSeverity { get; set; } = 4;
}

public static class RetentionActions
{
    public const string Review = "review";
    public const string Dispose = "dispose";
    public static readonly string[] All = [Review, Dispose];
}

public static class RecordTypes
{
    public const string ChildProtectionFile = "child-protection-file";
    public const string StaffAllegation = "staff-allegation";
    public const string OnlineSafetyIncident = "online-safety-incident";
}
