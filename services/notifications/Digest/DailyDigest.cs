using System.Globalization;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.Notices;
using TrustSafety.Notifications.ReadingNotifications;
using TrustSafety.Notifications.Recipients;
using TrustSafety.Notifications.Reminders;
using TrustSafety.EventSourcing.Messaging;
using TrustSafety.Platform;

namespace TrustSafety.Notifications.Digest;

/// <summary>A concern the school was told of, until it is triaged or closed (id = the incident id): the digest's "awaiting triage".</summary>
public sealed class ConcernWatch
{
    public Guid Id { get; set; }
    public Audience Audience { get; set; } = Audience.SafeguardingTeam;
    public bool Reported { get; set; }
    /// <summary>Triaged or closed: no longer waiting (either may arrive before the report: separate queues).</summary>
    public bool Triaged { get; set; }
}

/// <summary>That one person's digest for one school day was decided (id from user and day): at most one email per day.</summary>
public sealed class DigestDay : Marten.Metadata.ITenanted
{
    public Guid Id { get; set; }
    public string UserId { get; set; } = "";
    /// <summary>The school day, <c>yyyy-MM-dd</c> in school time.</summary>
    public string Day { get; set; } = "";
    /// <summary>false: there was nothing to report, so no email.</summary>
    public bool Emailed { get; set; }
    public DateTimeOffset At { get; set; }
    public string? TenantId { get; set; }

    public static Guid IdFor(string userId, DateOnly day) => NoticeRules.IdOf($"digest:{userId}:{DailyDigest.DayText(day)}");
}

/// <summary>
/// Counts only: what needs one person's attention. Team counts are null for someone outside the safeguarding team.
/// Alerts not yet looked at are not here: whether an alert was looked at lives in filtering-ingest and no integration
/// event tells notifications (a new alert is in the unread notifications until read).
/// </summary>
public sealed record DigestCounts(int? AwaitingTriage, int? OverdueReferrals, int TasksDue, int TasksGivenOverdue, int Unread)
{
    public bool Anything => (AwaitingTriage ?? 0) + (OverdueReferrals ?? 0) + TasksDue + TasksGivenOverdue + Unread > 0;
}

/// <summary>
/// The optional daily digest: once each school day (Monday to Friday), at the time each person chose in school time
/// (default 07:30), one email with counts of what needs their attention and a link to their queue, on the elected
/// replica only. A <see cref="DigestDay"/> marker keyed by person and day, written in the same transaction as the
/// email's delivery stream (whose id derives from the same pair), makes it once per person per day across restarts and
/// replicas. Nothing to report: no email. Away (out of office): no email. Sent late the same day when the service was
/// down at the chosen time; a missed day is not caught up.
/// </summary>
public sealed class DailyDigest(IDocumentStore store, IOptionsMonitor<NotificationsOptions> options, TrustSchools trust, TimeProvider time)
{
    public static readonly TimeOnly DefaultTime = new(7, 30);

    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    public static string DayText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool IsSchoolDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>Whether <paramref name="person"/>'s digest is due at <paramref name="now"/> (not yet decided today).</summary>
    public static bool Due(StaffPreferences person, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, OverdueReferrals.SchoolTime);
        return person.DailyDigest && !string.IsNullOrWhiteSpace(person.Email) && !(person.AwayUntil > now)
            && IsSchoolDay(DateOnly.FromDateTime(local.DateTime)) && TimeOnly.FromDateTime(local.DateTime) >= person.DigestAt;
    }

    public static DateOnly SchoolDay(DateTimeOffset now) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, OverdueReferrals.SchoolTime).DateTime);

    /// <summary>The dashboard page with the person's queue: the school's work queue, the trust overview, or their tasks.</summary>
    public static string QueuePath(StaffPreferences person, string tenant) =>
        tenant == NoticeRules.TrustTenant ? "#/trust"
        : Platform.PlatformRoles.SafeguardingTeam.Any(person.Has) ? "#/school" : "#/tasks";

    public static (string Subject, string Body) Compose(DigestCounts counts, string recipientName, string tenant, DateOnly day, string link, TrustSchools trust)
    {
        var school = EmailComposer.SchoolName(tenant, trust);
        var lines = new List<string>();
        if (counts.AwaitingTriage is { } triage) lines.Add($"Concerns awaiting triage: {triage}");
        if (counts.OverdueReferrals is { } referrals) lines.Add($"Referrals with an overdue outcome: {referrals}");
        lines.Add($"Tasks given to you, due today or overdue: {counts.TasksDue}");
        lines.Add($"Tasks you gave that are overdue: {counts.TasksGivenOverdue}");
        lines.Add($"Unread notifications: {counts.Unread}");
        var body = $"""
            Dear {recipientName},

            Your TrustSafety summary for {school} on {day.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}:

            {string.Join("\n", lines)}

            Sign in to see them: {link}

            This email gives counts only, never names or details of a case. You receive it because you turned on the daily
            digest in your notification settings in TrustSafety, where you can change its time or stop it. No digest is sent
            on a day with nothing to report, at weekends, or while you are out of office.
            """;
        return ($"TrustSafety: your daily summary ({school})", body);
    }

    /// <summary>One pass: every opted-in person whose time has come today. Returns how many digests were emailed.</summary>
    public async Task<int> SendAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var day = SchoolDay(now);
        if (!IsSchoolDay(day)) return 0;
        var dayText = DayText(day);
        List<StaffPreferences> due;
        await using (var query = store.QuerySession())
        {
            var optedIn = await query.Query<StaffPreferences>().Where(p => p.AnyTenant() && p.DailyDigest).ToListAsync(ct);
            if (optedIn.Count == 0) return 0;
            var decided = (await query.Query<DigestDay>().Where(d => d.AnyTenant() && d.Day == dayText).ToListAsync(ct))
                .Select(d => (d.TenantId ?? "", d.UserId)).ToHashSet();
            due = [.. optedIn.Where(p => Due(p, now) && !decided.Contains((p.TenantId ?? "", p.Id)))];
        }

        var emailed = 0;
        foreach (var person in due)
        {
            await using var session = store.LightweightSession(person.TenantId!);
            var tenant = person.TenantId!;
            var counts = await CountAsync(session, person, tenant, now, day, ct);
            session.Insert(new DigestDay { Id = DigestDay.IdFor(person.Id, day), UserId = person.Id, Day = dayText, Emailed = counts.Anything, At = now });
            if (counts.Anything)
            {
                var key = $"daily-digest:{dayText}:{person.Id}";
                var deliveryId = NoticeRules.IdOf($"email:{key}:{person.Id}");
                var link = EmailComposer.Link(options.CurrentValue.DashboardBaseUrl, QueuePath(person, tenant));
                var (subject, body) = Compose(counts, person.Name, tenant, day, link, trust);
                session.Events.StartStream<EmailDelivery>(deliveryId, new EmailQueued(deliveryId, tenant, key, Guid.Empty,
                    person.Id, person.Email!, Urgency.Routine, subject, body, now));
            }
            try
            {
                await session.SaveChangesAsync(ct);
                if (counts.Anything) emailed++;
            }
            catch (Exception ex) when (AlreadyDecided(ex))
            {
                // Another pass (a replica that led a moment ago) decided this day first: its decision stands.
            }
        }
        return emailed;
    }

    private static bool AlreadyDecided(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is JasperFx.DocumentAlreadyExistsException or Marten.Exceptions.ExistingStreamIdCollisionException
                or JasperFx.Events.ExistingStreamIdCollisionException or Npgsql.PostgresException { SqlState: "23505" })
                return true;
        return false;
    }

    public static async Task<DigestCounts> CountAsync(IQuerySession session, StaffPreferences person, string tenant, DateTimeOffset now,
        DateOnly day, CancellationToken ct)
    {
        var audiences = Callers.AudiencesOf(tenant != NoticeRules.TrustTenant, person.Has);
        var team = audiences.Contains(Audience.SafeguardingTeam);
        int? triage = null, referrals = null;
        if (team)
        {
            triage = await session.Query<ConcernWatch>().Where(c => c.Reported && !c.Triaged && c.Audience.IsOneOf(audiences)).CountAsync(ct);
            referrals = await session.Query<ReferralWatch>()
                .Where(w => !w.OutcomeRecorded && w.OverdueFrom != null && w.OverdueFrom <= now).CountAsync(ct);
        }
        var endOfToday = OverdueReferrals.OverdueFrom(day);
        var tasksDue = await session.Query<TaskWatch>()
            .Where(w => w.AssigneeId == person.Id && !w.Completed && w.OverdueFrom != null && w.OverdueFrom <= endOfToday).CountAsync(ct);
        var givenOverdue = await session.Query<TaskWatch>()
            .Where(w => w.AssignedBy == person.Id && w.AssigneeId != person.Id && !w.Completed && w.OverdueFrom != null && w.OverdueFrom <= now)
            .CountAsync(ct);
        var unread = await NotificationCentre.UnreadAsync(session, person.Id, audiences, ct);
        return new DigestCounts(triage, referrals, tasksDue, givenOverdue, unread);
    }
}

/// <summary>Remembers each reported concern for the digest's "awaiting triage" count.</summary>
public static class ConcernWatches
{
    public static async Task ReportedAsync(IDocumentSession session, IncidentReported e, CancellationToken ct)
    {
        var watch = await session.LoadAsync<ConcernWatch>(e.IncidentId, ct) ?? new ConcernWatch { Id = e.IncidentId };
        watch.Reported = true;
        watch.Audience = e.AllegationAgainstStaff ? Audience.AllegationReaders : Audience.SafeguardingTeam;
        session.Store(watch);
    }

    public static async Task DoneAsync(IDocumentSession session, Guid incidentId, CancellationToken ct)
    {
        var watch = await session.LoadAsync<ConcernWatch>(incidentId, ct) ?? new ConcernWatch { Id = incidentId };
        watch.Triaged = true;
        session.Store(watch);
    }
}

/// <summary>A triaged concern no longer waits for triage.</summary>
public sealed class WatchConcernTriaged(IDocumentStore store, TimeProvider time) : IdempotentConsumer<IncidentTriaged>(store, time)
{
    protected override Task Handle(IncidentTriaged message, IDocumentSession session, ConsumeContext<IncidentTriaged> context) =>
        ConcernWatches.DoneAsync(session, message.IncidentId, context.CancellationToken);
}

/// <summary>A concern closed without triage no longer waits either.</summary>
public sealed class WatchConcernClosed(IDocumentStore store, TimeProvider time) : IdempotentConsumer<IncidentClosed>(store, time)
{
    protected override Task Handle(IncidentClosed message, IDocumentSession session, ConsumeContext<IncidentClosed> context) =>
        ConcernWatches.DoneAsync(session, message.IncidentId, context.CancellationToken);
}
