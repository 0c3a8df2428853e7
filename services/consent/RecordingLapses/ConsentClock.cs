using JasperFx;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Consent.ConsentTypes;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.Consent.RecordingLapses;

/// <summary>
/// Time passing is a fact too: the replica that leads the daemon records, in every school, the consents that
/// expired and the AUP signatures that lapsed (ConsentLapsed, AupSignatureLapsed), which the forwarder
/// publishes as ConsentExpired and AupLapsed. Queries never wait for it — they evaluate expiry against today —
/// so the clock only makes the fact visible to other services. It is idempotent: each lapse is decided from the
/// stream (recorded once per response or signed version) and appended with an expected version, so a tick racing
/// a leadership hand-over or a new response loses harmlessly and the next tick re-decides.
/// </summary>
public sealed partial class ConsentClock(IDocumentStore store, LeaderElectedDaemon leader, SchoolCalendar calendar,
    IOptions<ConsentOptions> options, ILogger<ConsentClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real-time cadence on purpose: "now" comes from TimeProvider, so a test's fake clock decides what is due.
        using var timer = new PeriodicTimer(options.Value.ClockInterval);
        do
        {
            if (!leader.IsLeader) continue;
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, ex);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Records every lapse due today; returns how many events were appended.</summary>
    public async Task<int> TickAsync(CancellationToken ct)
    {
        var today = calendar.Today;
        var now = calendar.Now;
        await using var query = store.QuerySession();
        var types = (await query.Query<ConsentType>().Where(t => t.AnyTenant()).ToListAsync(ct)).ToDictionary(t => (t.TenantId, t.Code));
        var consents = await query.Query<PupilConsent>().Where(c => c.AnyTenant() && c.AwaitingLapse).ToListAsync(ct);
        var consentLapses = consents
            .Select(c => (TenantId: c.TenantId!, c.Id, c.Version, Event: types.TryGetValue((c.TenantId, c.TypeCode), out var type)
                ? (object?)ConsentEvaluation.DecideLapse(type, c, today, now) : null));

        var policies = (await query.Query<AcceptableUsePolicy>().Where(p => p.AnyTenant()).ToListAsync(ct))
            .Where(p => p.Versions.Count > 1).ToDictionary(p => (p.TenantId, p.Audience));
        var signatories = policies.Count == 0 ? [] : await query.Query<AupSignatory>().Where(s => s.AnyTenant()).ToListAsync(ct);
        var aupLapses = signatories
            .Select(s => (TenantId: s.TenantId!, s.Id, s.Version, Event: policies.TryGetValue((s.TenantId, s.Audience), out var policy)
                ? (object?)AupRules.DecideLapse(policy, s, today, now) : null));

        var appended = 0;
        foreach (var school in consentLapses.Concat(aupLapses).Where(x => x.Event is not null).GroupBy(x => x.TenantId, StringComparer.Ordinal))
        {
            await using var session = store.LightweightSession(school.Key);
            foreach (var lapse in school) session.Events.Append(lapse.Id, lapse.Version + 1, lapse.Event!);
            try
            {
                await session.SaveChangesAsync(ct);
                var count = school.Count();
                appended += count;
                LogRecorded(logger, count, school.Key);
            }
            catch (ConcurrencyException)
            {
                LogRaced(logger, school.Key);
            }
        }
        return appended;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} expired consents / lapsed AUP signatures in school {School}")]
    private static partial void LogRecorded(ILogger logger, int count, string school);

    [LoggerMessage(Level = LogLevel.Information, Message = "A stream changed while recording lapses in school {School}; the next tick retries")]
    private static partial void LogRaced(ILogger logger, string school);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recording expired consents and lapsed AUP signatures failed; the next tick retries")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
