namespace TrustSafety.Reporting.ReadModels;

/// <summary>A row of rpt_school_month.</summary>
public sealed class MonthRow
{
    public string School { get; set; } = "";
    public DateTime Month { get; set; }
    public int Reported { get; set; }
    public int Closed { get; set; }
    public long FilterEvents { get; set; }
    public int Alerts { get; set; }
    public int[] Triage { get; set; } = [];
}

/// <summary>A row of rpt_count.</summary>
public sealed class CountRow
{
    public string School { get; set; } = "";
    public string Metric { get; set; } = "";
    public DateTime Period { get; set; }
    public string Key { get; set; } = "";
    public long N { get; set; }

    public DateOnly Day => DateOnly.FromDateTime(Period);

    private string[]? _parts;
    public string Part(int i) => (_parts ??= Key.Split('|')) is var parts && i < parts.Length ? parts[i] : "";
}

/// <summary>A row of rpt_source.</summary>
public sealed class SourceRow
{
    public string School { get; set; } = "";
    public Guid SourceId { get; set; }
    public string Vendor { get; set; } = "";
    public long Batches { get; set; }
    public long Events { get; set; }
    public DateTime LastAcceptedAt { get; set; }
    public DateTime? LastEventAt { get; set; }
}

/// <summary>A row of rpt_school.</summary>
public sealed class SchoolRow
{
    public string School { get; set; } = "";
    public DateTime? NewestOccurredAt { get; set; }
    public DateTime? LastProcessedAt { get; set; }
    public DateTime? LastProcessedOccurredAt { get; set; }
    public long SubjectsVersion { get; set; }
}
