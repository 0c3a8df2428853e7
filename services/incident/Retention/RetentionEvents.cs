using System.Security.Cryptography;
using System.Text;

namespace TrustSafety.Incident.Retention;

/// <summary>Retention facts live on a stream beside the incident's, so they never change the incident's ETag.</summary>
public static class RetentionStream
{
    public static Guid For(Guid incidentId) => new(MD5.HashData(Encoding.UTF8.GetBytes($"incident-retention:{incidentId:N}")));
}

public sealed record LegalHoldPlaced(Guid IncidentId, string By, string ByName, DateTimeOffset At, string Reason);

public sealed record LegalHoldReleased(Guid IncidentId, string By, string ByName, DateTimeOffset At, string Reason);

public sealed record RetentionReviewDue(Guid IncidentId, string RecordType, DateOnly RetainUntil, string Rule, DateTimeOffset At);

/// <summary>The file's key is destroyed with this event: its personal fields are unreadable from then on.</summary>
public sealed record IncidentDisposed(
    Guid IncidentId, string RecordType, DateOnly RetainUntil, string By, string ByName, DateTimeOffset At, string Reason);

/// <summary>Retention state of one incident (snapshot of its retention stream).</summary>
public sealed class RetentionFile
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public int Version { get; set; }
    public LegalHoldPlaced? Hold { get; set; }
    public DateOnly? ReviewDueFor { get; set; }
    public IncidentDisposed? Disposed { get; set; }
    public List<string> History { get; set; } = [];

    public static RetentionFile Create(LegalHoldPlaced e) => new RetentionFile { IncidentId = e.IncidentId }.With(f => f.Apply(e));
    public static RetentionFile Create(RetentionReviewDue e) => new RetentionFile { IncidentId = e.IncidentId }.With(f => f.Apply(e));
    public static RetentionFile Create(IncidentDisposed e) => new RetentionFile { IncidentId = e.IncidentId }.With(f => f.Apply(e));

    public void Apply(LegalHoldPlaced e) { Hold = e; History.Add($"{e.At:O} legal hold placed by {e.ByName}: {e.Reason}"); }
    public void Apply(LegalHoldReleased e) { Hold = null; History.Add($"{e.At:O} legal hold released by {e.ByName}: {e.Reason}"); }
    public void Apply(RetentionReviewDue e) { ReviewDueFor = e.RetainUntil; History.Add($"{e.At:O} review due ({e.Rule})"); }
    public void Apply(IncidentDisposed e) { Disposed = e; History.Add($"{e.At:O} disposed by {e.ByName}: {e.Reason}"); }

    private RetentionFile With(Action<RetentionFile> apply) { apply(this); return this; }
}
