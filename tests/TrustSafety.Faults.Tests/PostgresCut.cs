using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using TrustSafety.Testing;
using Xunit.Abstractions;

namespace TrustSafety.Faults.Tests;

/// <summary>
/// PostgreSQL goes away under the incident service while staff are reporting concerns (a chaos proxy in front of
/// the database drops every connection): callers get 503 problem details with Retry-After, never 500; retried after
/// it returns they succeed; every 201 is exactly one complete stored incident and a request refused with 503 stored nothing.
/// </summary>
public sealed class PostgresCut(ITestOutputHelper output) : IAsyncLifetime
{
    private IdentityServer _identity = null!;
    private TestDatabase _db = null!;
    private TestVirtualHost _vhost = null!;
    private ChaosProxy _postgres = null!;
    private ServiceHost<TrustSafety.Incident.EntryPoint> _incident = null!;

    public async Task InitializeAsync()
    {
        _identity = await IdentityServer.SharedAsync();
        _db = await TestDatabase.CreateAsync("faults_pg");
        _vhost = await TestVirtualHost.CreateAsync();
        var direct = new NpgsqlConnectionStringBuilder(_db.ConnectionString);
        _postgres = new ChaosProxy(direct.Host!, direct.Port);
        var settings = await PlatformSettings.ForAsync(_db, _vhost, _identity, "incident");
        settings["ConnectionStrings:Postgres"] = new NpgsqlConnectionStringBuilder(_db.ConnectionString)
            { Host = "127.0.0.1", Port = _postgres.Port, Timeout = 3 }.ConnectionString;
        _incident = new ServiceHost<TrustSafety.Incident.EntryPoint>(settings.Quiet());
        await Hosts.WaitUntilReadyAsync(_incident, "incident");
    }

    private sealed record Attempt(string Marker, TimeSpan Started, TimeSpan Ended, HttpStatusCode? Status, Guid? Id, string Body,
        string? RetryAfter, string? ContentType);

    [Fact]
    public async Task a_database_cut_during_writes_gives_503_with_retry_after_and_retries_succeed_with_no_partial_or_phantom_writes()
    {
        using var staff = await _identity.ClientForAsync("staff.blakehill", _incident.CreateClient());
        var run = $"pg-{Guid.NewGuid():N}"[..11];
        var clock = Stopwatch.StartNew();
        var attempts = new ConcurrentQueue<Attempt>();
        long cutTicks = long.MaxValue, restoredTicks = long.MaxValue;
        var refusedWhileCut = 0;
        var counter = -1;

        async Task Worker()
        {
            while (Volatile.Read(ref restoredTicks) == long.MaxValue)
            {
                var marker = $"{run}-{Interlocked.Increment(ref counter)}";
                var started = clock.Elapsed;
                var outcome = await Concerns.ReportAsync(staff, marker);
                attempts.Enqueue(new Attempt(marker, started, clock.Elapsed, outcome.Status, outcome.Id, outcome.Body,
                    outcome.Response?.Headers.RetryAfter?.ToString(), outcome.Response?.Content.Headers.ContentType?.MediaType));
                if (started.Ticks > Volatile.Read(ref cutTicks) && outcome.Status == HttpStatusCode.ServiceUnavailable
                    && Interlocked.Increment(ref refusedWhileCut) == 12)
                {
                    _postgres.Restore();
                    Volatile.Write(ref restoredTicks, clock.Elapsed.Ticks);
                }
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Worker()));
        await Eventually.True(() => Task.FromResult(attempts.Count(a => a.Status == HttpStatusCode.Created) >= 8),
            TimeSpan.FromSeconds(30), "the service takes reports before the cut");
        _postgres.Cut();
        Volatile.Write(ref cutTicks, clock.Elapsed.Ticks);
        await load.WaitAsync(TimeSpan.FromSeconds(60));
        var cutAt = TimeSpan.FromTicks(cutTicks);
        var restoredAt = TimeSpan.FromTicks(restoredTicks);

        var all = attempts.ToList();
        output.WriteLine($"{all.Count} requests: {all.Count(a => a.Status == HttpStatusCode.Created)} × 201, " +
            $"{all.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} × 503; cut at {cutAt.TotalSeconds:0.00} s, restored at {restoredAt.TotalSeconds:0.00} s");
        all.Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable))
            .ShouldBeEmpty("a database outage answers 503, never 500 or anything else");
        foreach (var refused in all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            refused.RetryAfter.ShouldNotBeNullOrEmpty("a 503 tells the client when to retry");
            refused.ContentType.ShouldBe("application/problem+json");
            refused.Body.ShouldContain("Nothing was stored");
        }

        // Requests that began after the cut could not have reached PostgreSQL: they must have stored nothing.
        var surelyRefused = all.Where(a => a.Started > cutAt && a.Ended < restoredAt).ToList();
        surelyRefused.ShouldNotBeEmpty();
        surelyRefused.ShouldAllBe(a => a.Status == HttpStatusCode.ServiceUnavailable);
        (await Sql.IncidentsMarked(_db.ConnectionString, run)).Count.ShouldBe(all.Count(a => a.Status == HttpStatusCode.Created)
            + await InFlightCommitsThatWereRefused(all, cutAt), "a refused request stored an incident");

        // The client retries each refused request after the outage; each then succeeds once.
        var retried = System.Diagnostics.Stopwatch.StartNew();
        foreach (var refused in all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            if ((await Sql.IncidentsMarked(_db.ConnectionString, refused.Marker + "]")).Count > 0) continue; // see InFlightCommitsThatWereRefused
            var ok = await Eventually.Returns(() => Concerns.ReportAsync(staff, refused.Marker), o => o.Status == HttpStatusCode.Created,
                TimeSpan.FromSeconds(20), $"retrying {refused.Marker} succeeds once the database is back");
            (await Sql.IncidentsMarked(_db.ConnectionString, refused.Marker + "]")).ShouldBe([ok.Id!.Value]);
        }
        output.WriteLine($"all refused requests retried successfully in {retried.Elapsed.TotalSeconds:0.0} s");

        // No partial writes: every stored incident is its event and its snapshot, committed together.
        foreach (var id in await Sql.IncidentsMarked(_db.ConnectionString, run))
        {
            (await Sql.Scalar<long>(_db.ConnectionString, "select count(*) from incident.mt_doc_onlinesafetyincident where id = @id", ("id", id)))
                .ShouldBe(1, $"incident {id} has events but no snapshot");
        }
        foreach (var created in all.Where(a => a.Status == HttpStatusCode.Created))
            (await Sql.IncidentsMarked(_db.ConnectionString, created.Marker + "]")).ShouldBe([created.Id!.Value]);
    }

    /// <summary>
    /// A request in flight at the instant of the cut may have had its COMMIT reach PostgreSQL while the reply was
    /// lost: the client sees 503 and the incident exists. The API has no idempotency key yet, so this is counted
    /// (and shown) rather than forbidden; it is only possible for requests that started before the cut.
    /// </summary>
    private async Task<int> InFlightCommitsThatWereRefused(IReadOnlyList<Attempt> all, TimeSpan cutAt)
    {
        var count = 0;
        foreach (var a in all.Where(a => a.Status == HttpStatusCode.ServiceUnavailable && a.Started <= cutAt))
        {
            if ((await Sql.IncidentsMarked(_db.ConnectionString, a.Marker + "]")).Count > 0)
            {
                output.WriteLine($"{a.Marker} was in flight at the cut: committed, but its reply was lost (503)");
                count++;
            }
        }
        return count;
    }

    public async Task DisposeAsync()
    {
        await _incident.DisposeAsync();
        await _postgres.DisposeAsync();
        await _vhost.DisposeAsync();
        await _db.DisposeAsync();
    }
}
