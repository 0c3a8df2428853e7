using Marten;
using TrustSafety.Contracts.Incident;
using TrustSafety.Notifications.Notices;

namespace TrustSafety.Notifications.Reminders;

/// <summary>A referral the school made, watched until its outcome is recorded (id = the referral id).</summary>
public sealed class ReferralWatch
{
    public Guid Id { get; set; }
    public Guid IncidentId { get; set; }
    public string SchoolUrn { get; set; } = "";
    public string Destination { get; set; } = "";
    public DateOnly? DueOn { get; set; }
    /// <summary>The start of the day after <see cref="DueOn"/> in the schools' time zone: from then on it is overdue.</summary>
    public DateTimeOffset? OverdueFrom { get; set; }
    public bool OutcomeRecorded { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
}

/// <summary>
/// Reminds the safeguarding team once when a referral's outcome is overdue (its due date has passed in UK time and no
/// outcome is recorded). Run by the elected replica's send loop; the reminder is an ordinary notice, so it is emailed
/// and shown in-app like any other, at most once (its key is the referral's).
/// </summary>
public sealed class OverdueReferrals(IDocumentStore store, NoticeBoard board, TimeProvider time)
{
    public static readonly TimeZoneInfo SchoolTime = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static void Watch(IDocumentSession session, ReferralWatch? existing, ReferralMade made)
    {
        var watch = existing ?? new ReferralWatch { Id = made.ReferralId };
        watch.IncidentId = made.IncidentId;
        watch.SchoolUrn = made.SchoolUrn;
        watch.Destination = made.Destination;
        watch.DueOn = made.DueOn;
        watch.OverdueFrom = OverdueFrom(made.DueOn);
        session.Store(watch);
    }

    public static void Resolve(IDocumentSession session, ReferralWatch? existing, ReferralOutcomeRecorded outcome)
    {
        // The outcome may arrive before the referral (separate queues): the watch remembers it either way.
        var watch = existing ?? new ReferralWatch { Id = outcome.ReferralId, IncidentId = outcome.IncidentId, SchoolUrn = outcome.SchoolUrn };
        watch.OutcomeRecorded = true;
        session.Store(watch);
    }

    /// <summary>Midnight (UK time) at the end of the due day, as a UTC instant (PostgreSQL's timestamptz takes offset 0 only:
    /// a due day in British Summer Time could not be stored, and the referral's message went to the error queue).</summary>
    public static DateTimeOffset OverdueFrom(DateOnly dueOn)
    {
        var local = dueOn.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, SchoolTime.GetUtcOffset(local)).ToUniversalTime();
    }

    public static Notice Reminder(ReferralWatch watch, DateTimeOffset now) => new(
        $"referral-overdue:{watch.Id}", watch.SchoolUrn, "referral-overdue", Urgency.High, Audience.SafeguardingTeam,
        $"The outcome of a referral to {watch.Destination} is overdue (due {watch.DueOn:yyyy-MM-dd})",
        $"#/incidents/{watch.IncidentId}", Email: true, now);

    /// <summary>One pass over every school's referrals; returns how many reminders were staged.</summary>
    public async Task<int> RemindAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<ReferralWatch> due;
        await using (var query = store.QuerySession())
        {
            due = await query.Query<ReferralWatch>()
                .Where(w => w.AnyTenant() && !w.OutcomeRecorded && w.RemindedAt == null && w.OverdueFrom != null && w.OverdueFrom <= now)
                .Take(200).ToListAsync(ct);
        }
        foreach (var watch in due)
        {
            await using var session = store.LightweightSession(watch.SchoolUrn);
            await board.StageAsync(session, Reminder(watch, now), ct);
            watch.RemindedAt = now;
            session.Store(watch);
            await session.SaveChangesAsync(ct);
        }
        return due.Count;
    }
}
