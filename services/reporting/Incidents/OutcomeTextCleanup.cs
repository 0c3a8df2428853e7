using Marten;
using TrustSafety.Contracts.Reference;

namespace TrustSafety.Reporting.Incidents;

/// <summary>
/// Removes outcome words a reporting database from before the outcome codes may still hold: a referral outcome (its own
/// <see cref="ReferralOutcomeRecord"/> and the copy in <see cref="ReferralEntry"/>) or a closure outcome
/// (<see cref="IncidentStatusChange"/>) that is not one of the contracts' codes becomes <c>not-coded</c>, as the consumers
/// already store a v1 outcome. Runs once at every start (any replica; it changes only what is not a code, so a second
/// run, or two replicas at once, change nothing more). Counts are unchanged: an outcome stays an outcome.
/// </summary>
public sealed partial class OutcomeTextCleanup(IDocumentStore store, ILogger<OutcomeTextCleanup> logger) : BackgroundService
{
    private static readonly HashSet<string> ReferralCodes = [.. ReferralOutcomes.All, ReferralOutcomes.NotCoded];
    private static readonly HashSet<string> ClosureCodes = [.. IncidentOutcomes.All, IncidentOutcomes.NotCoded];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var changed = await CleanAsync(stoppingToken);
                if (changed > 0) LogCleaned(logger, changed);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested && attempt < 20)
            {
                LogRetry(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(15), stoppingToken);
            }
        }
    }

    /// <summary>Replaces every outcome that is not a code; returns how many documents changed.</summary>
    public async Task<int> CleanAsync(CancellationToken ct)
    {
        await using var session = store.LightweightSession(new Marten.Services.SessionOptions { AllowAnyTenant = true });
        var changed = 0;
        foreach (var entry in await session.Query<ReferralEntry>().Where(e => e.AnyTenant() && e.Outcome != null).ToListAsync(ct))
        {
            if (ReferralCodes.Contains(entry.Outcome!.Outcome)) continue;
            entry.Outcome.Outcome = ReferralOutcomes.NotCoded;
            session.ForTenant(entry.SchoolUrn).Store(entry);
            changed++;
        }
        foreach (var outcome in await session.Query<ReferralOutcomeRecord>().Where(o => o.AnyTenant()).ToListAsync(ct))
        {
            if (ReferralCodes.Contains(outcome.Outcome)) continue;
            outcome.Outcome = ReferralOutcomes.NotCoded;
            session.ForTenant(outcome.SchoolUrn).Store(outcome);
            changed++;
        }
        foreach (var change in await session.Query<IncidentStatusChange>().Where(c => c.AnyTenant() && c.Outcome != null).ToListAsync(ct))
        {
            if (ClosureCodes.Contains(change.Outcome!)) continue;
            change.Outcome = IncidentOutcomes.NotCoded;
            session.ForTenant(change.SchoolUrn).Store(change);
            changed++;
        }
        if (changed > 0) await session.SaveChangesAsync(ct);
        return changed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaced {Count} outcome texts from before the outcome codes with not-coded.")]
    private static partial void LogCleaned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome text cleanup failed; trying again.")]
    private static partial void LogRetry(ILogger logger, Exception exception);
}
