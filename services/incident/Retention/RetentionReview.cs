using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Incidents;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.Incident.Retention;

public sealed record RetentionRun(int Reviewed, int ReviewsDue, int Disposed, int HeldBack, int ErasuresCarriedOut = 0);

/// <summary>
/// The disposal job: files past their retention period get a RetentionReviewDue or IncidentDisposed event, never a
/// delete. Safe to run on several replicas at once: each append expects the retention stream's version, so a
/// second replica's identical decision fails and is dropped.
/// </summary>
public sealed partial class RetentionReview(
    IDocumentStore store, Keyring keyring, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionReview> logger)
{
    public async Task<RetentionRun> RunAllAsync(CancellationToken ct)
    {
        var total = new RetentionRun(0, 0, 0, 0);
        foreach (var school in await SchoolsAsync(ct))
        {
            var run = await RunAsync(school, ct);
            total = new(total.Reviewed + run.Reviewed, total.ReviewsDue + run.ReviewsDue, total.Disposed + run.Disposed, total.HeldBack + run.HeldBack,
                total.ErasuresCarriedOut + run.ErasuresCarriedOut);
        }
        return total;
    }

    public async Task<RetentionRun> RunAsync(string school, CancellationToken ct)
    {
        await using var query = store.QuerySession(school);
        var incidents = await query.Query<OnlineSafetyIncident>().ToListAsync(ct);
        var files = (await query.LoadManyAsync<RetentionFile>(ct, incidents.Select(i => RetentionStream.For(i.Id)).ToArray()))
            .ToDictionary(f => f.IncidentId);
        var keys = await keyring.ForOpeningAsync(query,
            incidents.SelectMany(i => IncidentPersonalData.KeySubjects(i)), ct);
        var now = clock.GetUtcNow();
        int due = 0, disposed = 0, held = 0;
        foreach (var incident in incidents)
        {
            var facts = RetentionFacts.Of(incident, keys);
            files.TryGetValue(incident.Id, out var file);
            if (file is { Hold: not null, Disposed: null } && RetentionRules.PeriodOf(facts, options.Value) is { } period
                && DateOnly.FromDateTime(now.UtcDateTime) >= period.RetainUntil) held++;
            if (RetentionRules.Decide(facts, file, now, options.Value) is not { } decided) continue;

            await using var session = store.LightweightSession(school);
            session.Events.Append(RetentionStream.For(incident.Id), (file?.Version ?? 0) + 1, decided);
            if (decided is IncidentDisposed) await keyring.DestroyAsync(session, Subjects.Incident(incident.Id), ct);
            try
            {
                await session.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (IsRace(ex))
            {
                LogAlreadyDecided(logger, incident.Id, school);
                continue;
            }
            if (decided is IncidentDisposed) disposed++;
            else due++;
        }
        // Erasures the DSL scheduled for the end of retention, once due and not under legal hold.
        var erased = await ErasePerson.CarryOutDueAsync(store, keyring, options.Value, school, now, ct);
        LogRun(logger, school, incidents.Count, due, disposed, held);
        return new RetentionRun(incidents.Count, due, disposed, held, erased);
    }

    /// <summary>Another replica (or the timer) appended to the same retention stream first.</summary>
    private static bool IsRace(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is ConcurrencyException or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
                or Npgsql.PostgresException { SqlState: "23505" }) return true;
        return false;
    }

    private async Task<IReadOnlyList<string>> SchoolsAsync(CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var schema = store.Options.Events.DatabaseSchemaName;
        return await query.QueryAsync<string>($"select distinct tenant_id from {schema}.mt_streams", ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention review of school {School}: {Reviewed} incidents, {Due} reviews due, {Disposed} disposed, {Held} held back by legal hold")]
    private static partial void LogRun(ILogger logger, string school, int reviewed, int due, int disposed, int held);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retention of incident {IncidentId} in school {School} was decided by another replica")]
    private static partial void LogAlreadyDecided(ILogger logger, Guid incidentId, string school);
}

/// <summary>Runs the review on the daemon leader only, every Retention:ReviewInterval.</summary>
public sealed partial class RetentionReviewTimer(
    RetentionReview review, LeaderElectedDaemon leader, IOptions<RetentionOptions> options, TimeProvider clock,
    ILogger<RetentionReviewTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReviewInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!leader.IsLeader) continue;
                try
                {
                    await review.RunAllAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The retention review failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
