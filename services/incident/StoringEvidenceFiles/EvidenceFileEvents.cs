using TrustSafety.Incident.DataProtection;

namespace TrustSafety.Incident.StoringEvidenceFiles;

/// <summary>
/// A screen capture kept as evidence (e.g. of cyberbullying, as Blakehill's policy asks) after its uploader confirmed it shows
/// no nudity. The bytes are in <see cref="EvidenceFileContent"/>, sealed under the incident's key; Description is sealed.
/// </summary>
public sealed record EvidenceFileStored(
    Guid IncidentId, Guid FileId, string By, string ByName, DateTimeOffset At, string Description, string ContentType, long Length,
    string Sha256, bool NoNudityConfirmed) : ISealsCaseWork
{
    public object SealWith(Func<string, string, string> seal) => this with { Description = seal(Description, FieldDescription(FileId)) };

    public static string FieldDescription(Guid id) => $"evidenceFiles.{id:N}.description";
}

/// <summary>An audit fact (the incident's audit stream): the DSL opened an evidence file.</summary>
public sealed record EvidenceFileViewed(Guid IncidentId, Guid FileId, string By, string ByName, DateTimeOffset At);

/// <summary>
/// The file itself, AES-GCM sealed under the incident's data key (associated data: tenant, incident and file): disposing of
/// the incident destroys that key, and with it every copy of the file, backups included.
/// </summary>
public sealed class EvidenceFileContent
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Sealed { get; set; } = [];
}
