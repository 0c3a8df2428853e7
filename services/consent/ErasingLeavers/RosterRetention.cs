using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.Consent.Pupils;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.Consent.ErasingLeavers;

/// <summary>When a leaver's roster details are due for erasure, decided without I/O.</summary>
public static class RosterRetention
{
    /// <summary>What a masked name or UPN reads in the stored events after erasure.</summary>
    public const string Erased = "[erased]";

    /// <summary>The last day the roster keeps a leaver's details: the leaving date plus the retention years.</summary>
    public static DateOnly RetainedUntil(DateOnly leftOn, int yearsAfterLeaving) => leftOn.AddYears(yearsAfterLeaving);

    /// <summary>
    /// The events that erase the pupil's roster details on <paramref name="today"/>, or none: only a leaver whose retention
    /// ended before today, not already erased. Accounts are cleared by their own event first, so the forwarder tells
    /// incident (PupilSignInAccountsChanged with none) and a later alert on the account no longer names the pupil.
    /// </summary>
    public static IReadOnlyList<object> Decide(Pupil pupil, DateOnly today, int yearsAfterLeaving, DateTimeOffset now)
    {
        if (pupil.ErasedAt is not null || pupil.LeavingDate is not { } left) return [];
        var until = RetainedUntil(left, yearsAfterLeaving);
        if (today <= until) return [];
        return pupil.Accounts.Count > 0
            ? [new PupilSignInAccountsSet(pupil.PupilId, [], now), new PupilRosterErased(pupil.PupilId, left, until, now)]
            : [new PupilRosterErased(pupil.PupilId, left, until, now)];
    }
}

/// <summary>
/// Erases leavers from the roster when their retention ends (issue 14: names, date of birth and accounts of pupils who
/// left, <c>Consent:RetentionYearsAfterLeaving</c> years after the leaving date), on the replica that leads the daemon,
/// every <c>Consent:ClockInterval</c>. Each due pupil's stored events are first masked in place with Marten's event
/// data masking (the rules are in <see cref="ConsentStore"/>), then the erasure is appended with the stream's expected
/// version (a re-import racing the sweep wins; the next sweep decides again). The internal pupil id stays, so incidents
/// and consents that name the pupil by it keep working and show the pseudonym.
/// </summary>
public sealed partial class RosterRetentionSweeper(IDocumentStore store, LeaderElectedDaemon leader, SchoolCalendar calendar,
    IOptions<ConsentOptions> options, ILogger<RosterRetentionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real-time cadence on purpose: "today" comes from TimeProvider, so a test's fake clock decides what is due.
        using var timer = new PeriodicTimer(options.Value.ClockInterval);
        do
        {
            if (!leader.IsLeader) continue;
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Erases every leaver due today in every school; returns how many pupils were erased.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var today = calendar.Today;
        var now = calendar.Now;
        var years = options.Value.RetentionYearsAfterLeaving;
        // Only leavers whose retention could have ended: the leaving date is before today minus the years.
        var leftBefore = today.AddYears(-years);
        await using var query = store.QuerySession();
        var candidates = await query.Query<Pupil>()
            .Where(p => p.AnyTenant() && p.ErasedAt == null && p.LeavingDate != null && p.LeavingDate < leftBefore)
            .ToListAsync(ct);

        var erased = 0;
        foreach (var pupil in candidates)
        {
            var events = RosterRetention.Decide(pupil, today, years, now);
            if (events.Count == 0) continue;
            // Mask the stored events first, then record the erasure: a crash between the two leaves a leaver who is
            // still due, so the next sweep masks and erases again. The other order could leave a pupil marked erased
            // whose names were never masked, and no sweep would pick the pupil up again.
            await store.Advanced.ApplyEventDataMasking(m => m.ForTenant(pupil.TenantId!).IncludeStream(pupil.Id), ct);
            await using var session = store.LightweightSession(pupil.TenantId!);
            session.Events.Append(pupil.Id, pupil.Version + events.Count, [.. events]);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (ConcurrencyException)
            {
                LogRaced(logger, pupil.TenantId!);
                continue;
            }
            erased++;
        }
        if (erased > 0) LogErased(logger, erased);
        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Erased the roster details of {Count} pupils whose retention after leaving ended")]
    private static partial void LogErased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A pupil's stream changed while erasing it in school {School}; the next sweep decides again")]
    private static partial void LogRaced(ILogger logger, string school);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasing leavers from the roster failed; the next sweep retries")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
