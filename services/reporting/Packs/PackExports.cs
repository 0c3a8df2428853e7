namespace TrustSafety.Reporting.Packs;

// Stored: ExportTaken is an event (export_taken.v1) and ExportRecord a document; Marten keeps each one's full .NET type
// name (mt_events.mt_dotnet_type, mt_doc_exportrecord.mt_dotnet_type), so they keep this namespace. Printing a pack
// records them (PrintingGovernorPack/), the exports list reads them (ViewingPackExports/).

public sealed record ExportTaken(Guid ExportId, string Scope, string Pack, string Period, string Format, string By, string ByName, DateTimeOffset At);

/// <summary>The visible record of an <see cref="ExportTaken"/>, in the tenant of what was exported ("trust" for the board pack).</summary>
public sealed class ExportRecord
{
    public Guid Id { get; set; }
    public string Scope { get; set; } = "";
    public string Pack { get; set; } = "";
    public string Period { get; set; } = "";
    public string Format { get; set; } = "";
    public string By { get; set; } = "";
    public string ByName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
