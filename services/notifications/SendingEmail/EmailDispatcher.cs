using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.EventSourcing.EventStore;
using TrustSafety.Notifications.Delivery;

namespace TrustSafety.Notifications.SendingEmail;

/// <summary>
/// The send loop (and the overdue-referral, overdue-task and lapsed-training reminders and the daily digest before each pass). Runs only on the replica that won the daemon election (one sender, so two replicas never race to send the
/// same email); sends what is due, records each outcome as an event on the email's stream, and backs off per
/// <see cref="DeliveryOptions.RetryDelays"/>.
/// </summary>
public sealed partial class EmailDispatcher(
    IDocumentStore store, SmtpMailer mailer, Reminders.OverdueReferrals reminders, Reminders.OverdueTasks taskReminders,
    Reminders.OverdueTraining trainingReminders, Digest.DailyDigest digest, LeaderElectedDaemon leader,
    IOptionsMonitor<NotificationsOptions> options,
    TimeProvider time, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private static readonly Meter Meter = new(Telemetry.PlatformTelemetry.SourceName);
    private static readonly Counter<long> Outcomes = Meter.CreateCounter<long>("trustsafety.notifications.emails",
        description: "Email delivery attempts by outcome (sent, failed, dead-lettered); never labelled with a school.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivery = options.CurrentValue.Delivery;
            try
            {
                if (leader.IsLeader)
                {
                    await reminders.RemindAsync(stoppingToken);
                    await taskReminders.RemindAsync(stoppingToken);
                    await trainingReminders.RemindAsync(stoppingToken);
                    try { await digest.SendAsync(stoppingToken); }
                    catch (Exception ex) when (!stoppingToken.IsCancellationRequested) { LogDigestFailed(logger, ex); }
                    await SendDueAsync(delivery, stoppingToken);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex);
            }
            // Real-time cadence on purpose: what is due comes from TimeProvider, so a test's fake clock decides it.
            try { await Task.Delay(delivery.PollInterval, stoppingToken); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>One pass: every school's due emails, oldest first. Returns how many were attempted.</summary>
    public async Task<int> SendDueAsync(DeliveryOptions delivery, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<EmailDelivery> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<EmailDelivery>()
                .Where(d => d.AnyTenant() && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Take(delivery.BatchSize).ToListAsync(ct);
        }
        if (due.Count == 0) return 0;

        var outcomes = await mailer.SendAsync(due, ct);
        foreach (var email in due)
        {
            var error = outcomes[email.Id];
            var at = time.GetUtcNow();
            object outcome = error is null
                ? new EmailSent(email.Id, email.Attempts + 1, at)
                : DeliveryDecisions.AfterFailure(email, error, at, delivery.EffectiveRetryDelays);
            await using var session = store.LightweightSession(email.SchoolUrn);
            session.Events.Append(email.Id, email.Version + 1, outcome);
            await session.SaveChangesAsync(ct);
            Outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
            {
                EmailSent => "sent", EmailDeadLettered => "dead-lettered", _ => "failed",
            }));
            if (outcome is EmailDeadLettered dead) LogDeadLettered(logger, email.Id, dead.Attempt, dead.Error);
            else if (outcome is EmailAttemptFailed failed) LogFailed(logger, email.Id, failed.Attempt, failed.NextAttemptAt, failed.Error);
        }
        return due.Count;
    }

    [LoggerMessage(LogLevel.Warning, "The daily digest pass failed; it runs again at the next poll, and due emails are still sent")]
    private static partial void LogDigestFailed(ILogger logger, Exception ex);

    [LoggerMessage(LogLevel.Warning, "The email send pass failed; it runs again at the next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);

    [LoggerMessage(LogLevel.Warning, "Email {DeliveryId} attempt {Attempt} failed, next at {NextAttemptAt}: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid deliveryId, int attempt, DateTimeOffset nextAttemptAt, string error);

    [LoggerMessage(LogLevel.Error, "Email {DeliveryId} dead-lettered after {Attempt} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, Guid deliveryId, int attempt, string error);
}
