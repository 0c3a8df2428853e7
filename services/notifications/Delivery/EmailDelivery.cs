using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Delivery;

/// <summary>An email to one person about one notice was queued. Subject and body hold no name and no case detail.</summary>
public sealed record EmailQueued(
    Guid DeliveryId, string SchoolUrn, string NoticeKey, Guid NotificationId, string RecipientId, string Address, Urgency Urgency,
    string Subject, string Body, DateTimeOffset At);

public sealed record EmailAttemptFailed(Guid DeliveryId, int Attempt, string Error, DateTimeOffset At, DateTimeOffset NextAttemptAt);

public sealed record EmailSent(Guid DeliveryId, int Attempt, DateTimeOffset At);

/// <summary>Every retry failed: the email waits in the dead-letter view until someone asks for it again.</summary>
public sealed record EmailDeadLettered(Guid DeliveryId, int Attempt, string Error, DateTimeOffset At);

public sealed record EmailRetryRequested(Guid DeliveryId, string By, DateTimeOffset At);

public enum DeliveryStatus { Pending, Sent, Dead }

/// <summary>One email's history folded (inline snapshot): the send loop and the dead-letter view read it.</summary>
public sealed class EmailDelivery
{
    public Guid Id { get; set; }
    public int Version { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string NoticeKey { get; set; } = "";
    public Guid NotificationId { get; set; }
    public string RecipientId { get; set; } = "";
    public string Address { get; set; } = "";
    public Urgency Urgency { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    public DeliveryStatus Status { get; set; }
    /// <summary>Attempts since queued or since the last requested retry.</summary>
    public int Attempts { get; set; }
    public int TotalAttempts { get; set; }
    public DateTimeOffset QueuedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    public static EmailDelivery Create(EmailQueued e) => new()
    {
        Id = e.DeliveryId, SchoolUrn = e.SchoolUrn, NoticeKey = e.NoticeKey, NotificationId = e.NotificationId,
        RecipientId = e.RecipientId, Address = e.Address, Urgency = e.Urgency, Subject = e.Subject, Body = e.Body,
        Status = DeliveryStatus.Pending, QueuedAt = e.At, NextAttemptAt = e.At,
    };

    public void Apply(EmailAttemptFailed e) { Attempts++; TotalAttempts++; LastError = e.Error; NextAttemptAt = e.NextAttemptAt; }
    public void Apply(EmailSent e) { Attempts++; TotalAttempts++; Status = DeliveryStatus.Sent; SentAt = e.At; }
    public void Apply(EmailDeadLettered e) { Attempts++; TotalAttempts++; LastError = e.Error; Status = DeliveryStatus.Dead; }
    public void Apply(EmailRetryRequested e) { Status = DeliveryStatus.Pending; Attempts = 0; NextAttemptAt = e.At; }
}

/// <summary>What a failed attempt or a retry request means for a delivery, decided without I/O.</summary>
public static class DeliveryDecisions
{
    /// <summary>After the n-th failed attempt wait RetryDelays[n-1]; when the delays run out, dead-letter it.</summary>
    public static object AfterFailure(EmailDelivery delivery, string error, DateTimeOffset now, IReadOnlyList<TimeSpan> retryDelays)
    {
        var attempt = delivery.Attempts + 1;
        var reason = error.Length > 500 ? error[..500] : error;
        return attempt > retryDelays.Count
            ? new EmailDeadLettered(delivery.Id, attempt, reason, now)
            : new EmailAttemptFailed(delivery.Id, attempt, reason, now, now + retryDelays[attempt - 1]);
    }

    /// <summary>What the delivery view calls its state: sent, dead, failing (pending after a failed attempt) or pending.</summary>
    public static string StatusOf(EmailDelivery d) =>
        d.Status switch { DeliveryStatus.Sent => "sent", DeliveryStatus.Dead => "dead", _ => d.Attempts > 0 ? "failing" : "pending" };

    /// <summary>Only a dead-lettered email can be asked for again: a pending one is already on its way, a sent one arrived.</summary>
    public static EmailRetryRequested? Retry(EmailDelivery delivery, string by, DateTimeOffset now) =>
        delivery.Status == DeliveryStatus.Dead ? new EmailRetryRequested(delivery.Id, by, now) : null;
}
