using JasperFx.Events.Projections;
using Marten;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.Recipients;

namespace TrustSafety.Notifications;

/// <summary>Stable stored names for every event (each email's delivery is a stream), the delivery snapshot and documents.</summary>
public static class NotificationsStore
{
    public static void Configure(StoreOptions opts)
    {
        opts.Events.MapEventType<EmailQueued>("email_queued.v1");
        opts.Events.MapEventType<EmailAttemptFailed>("email_attempt_failed.v1");
        opts.Events.MapEventType<EmailSent>("email_sent.v1");
        opts.Events.MapEventType<EmailDeadLettered>("email_dead_lettered.v1");
        opts.Events.MapEventType<EmailRetryRequested>("email_retry_requested.v1");
        opts.Projections.Snapshot<EmailDelivery>(SnapshotLifecycle.Inline);
        opts.Schema.For<EmailDelivery>().Duplicate(d => d.NextAttemptAt).Duplicate(d => d.QueuedAt);
        opts.Schema.For<Notification>().Duplicate(n => n.At).Duplicate(n => n.RecipientId);
        opts.Schema.For<NotificationRead>().Duplicate(r => r.UserId);
        opts.Schema.For<StaffPreferences>().Identity(p => p.Id);
        opts.Schema.For<Reminders.ReferralWatch>().Duplicate(w => w.OverdueFrom);
        opts.Schema.For<Reminders.TaskWatch>().Duplicate(w => w.OverdueFrom);
        opts.Schema.For<Reminders.TrainingWatch>().Duplicate(w => w.NextOverdueAt);
        opts.Schema.For<Digest.ConcernWatch>();
        opts.Schema.For<Digest.DigestDay>().Duplicate(d => d.Day);
    }
}
