using TrustSafety.Incident.StoringEvidenceFiles;

namespace TrustSafety.Incident.Incidents;

public sealed partial class OnlineSafetyIncident
{
    public List<EvidenceFileRecord> EvidenceFiles { get; set; } = [];

    public void Apply(EvidenceFileStored e)
    {
        EvidenceFiles.Add(new(e.FileId, e.By, e.ByName, e.At, e.Description, e.ContentType, e.Length, e.Sha256));
        Log(e.At, "evidence-file", e.ByName, "Screenshot stored as evidence (uploader confirmed it shows no nudity)");
    }
}

/// <summary>Description is sealed; the bytes are fetched by the DSL only (GET …/evidence-files/{fileId}), each view audited.</summary>
public sealed record EvidenceFileRecord(
    Guid Id, string By, string ByName, DateTimeOffset At, string Description, string ContentType, long Length, string Sha256);
