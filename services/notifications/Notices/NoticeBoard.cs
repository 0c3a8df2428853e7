using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.Recipients;
using TrustSafety.Platform;

namespace TrustSafety.Notifications.Notices;

/// <summary>
/// Stages a notice in its school: the in-app notification and, when the notice is urgent, one queued email per recipient.
/// Ids derive from the notice's key (and the recipient), so the same fact told twice — a redelivered message, or the same
/// event republished under another message id — is one notification and one email per person.
/// </summary>
public sealed class NoticeBoard(IDocumentStore store, IOptionsMonitor<NotificationsOptions> options, TrustSchools trust, TimeProvider time)
{
    public async Task StageAsync(IDocumentSession session, Notice notice, CancellationToken ct)
    {
        var notification = Notification.From(notice);
        if (await session.LoadAsync<Notification>(notification.Id, ct) is not null) return;

        if (notice.Email)
        {
            var people = await session.Query<StaffPreferences>().ToListAsync(ct);
            var recipients = RecipientSelection.For(notice.Audience, people, time.GetUtcNow(), notice.RecipientId);
            foreach (var person in recipients)
            {
                var deliveryId = NoticeRules.IdOf($"email:{notice.Key}:{person.Id}");
                if (await session.Events.FetchStreamStateAsync(deliveryId, ct) is not null) continue;
                var (subject, body) = EmailComposer.Compose(notice, person.Name, options.CurrentValue.DashboardBaseUrl, trust);
                session.Events.StartStream<EmailDelivery>(deliveryId, new EmailQueued(deliveryId, notice.SchoolUrn, notice.Key,
                    notification.Id, person.Id, person.Email!, notice.Urgency, subject, body, time.GetUtcNow()));
            }
            notification.Emailed = recipients.Count;
            if (recipients.Count == 0 && notice.Audience is not (Audience.TrustLead or Audience.Person))
            {
                notification.NobodyReceiving = true;
                await TellTrustLeadAsync(NoticeRules.NobodyReceiving(notice, EmailComposer.SchoolName(notice.SchoolUrn, trust)), ct);
            }
        }
        session.Store(notification);
    }

    // Its own transaction in the trust's tenant, committed first; its key makes a retry of the school's write find it done.
    private async Task TellTrustLeadAsync(Notice notice, CancellationToken ct)
    {
        await using var trustSession = store.LightweightSession(NoticeRules.TrustTenant);
        await StageAsync(trustSession, notice, ct);
        await trustSession.SaveChangesAsync(ct);
    }
}
