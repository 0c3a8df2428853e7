using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.Incidents;

/// <summary>
/// Each incident has a second, append-only stream of audit facts. Reads must not change the incident's
/// version (its ETag), so they cannot live on the incident's own stream.
/// </summary>
public static class AuditStream
{
    public static Guid For(Guid incidentId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"incident-audit:{incidentId:N}")));
}

public sealed record IncidentRecordRead(Guid IncidentId, string By, string ByName, string Roles, DateTimeOffset At, string? Purpose);

public sealed record ImageryUploadRefused(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, string Category, string ContentType, string Reason);

public sealed record EvidenceUploadRefused(
    Guid IncidentId, string By, string ByName, DateTimeOffset At, string ContentType, string Reason);

