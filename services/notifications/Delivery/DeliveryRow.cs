using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Delivery;

/// <summary>One email's delivery; <see cref="Version"/> is its stream version (send it as If-Match to retry it).</summary>
public sealed record DeliveryRow(
    Guid Id, string School, string RecipientId, string Address, Urgency Urgency, string Status, int Attempts, int TotalAttempts,
    string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, long Version)
{
    /// <summary>The delivery as the list and the retry answer show it.</summary>
    public static DeliveryRow Of(EmailDelivery d, long version) => new(
        d.Id, d.SchoolUrn, d.RecipientId, d.Address, d.Urgency, DeliveryDecisions.StatusOf(d),
        d.Attempts, d.TotalAttempts, d.LastError, d.QueuedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.SentAt, version);
}
