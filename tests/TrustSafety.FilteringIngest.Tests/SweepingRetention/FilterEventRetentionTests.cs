using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TrustSafety.FilteringIngest.CheckingSourceHealth;
using TrustSafety.FilteringIngest.SweepingRetention;
using TrustSafety.EventSourcing.EventStore;

namespace TrustSafety.FilteringIngest.Tests.SweepingRetention;

/// <summary>Issue 17.9b: a filter event's raw user, URL and search term are not kept forever; its counts are.</summary>
public sealed class FilterEventRetentionTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private static readonly IngestRetentionOptions Retention = new() { FilterEventDetailDays = 90, RawVendorPayloadDays = 14, SweepInterval = TimeSpan.FromHours(1) };

    private RetentionSweeper SweeperOn(TimeProvider clock, LeaderElectedDaemon? leader = null) => new(
        f.Host.Services.GetRequiredService<IDocumentStore>(), f.Host.Services.GetRequiredService<IConfiguration>(), clock,
        Options.Create(Retention), leader ?? f.Host.Services.GetRequiredService<LeaderElectedDaemon>(), NullLogger<RetentionSweeper>.Instance);

    private async Task<(Guid Source, string Tag)> IngestAsync()
    {
        var (source, secret) = await f.RegisterAsync("it.blakehill", new { name = "retention " + Guid.NewGuid().ToString("N")[..8], format = "canonical-json" });
        var tag = Guid.NewGuid().ToString("N")[..10];
        var body = JsonSerializer.Serialize(new[]
        {
            new
            {
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), sourceEventId = tag + "-1",
                subject = new { user = $"pupil.{tag}@blakehill.sch.uk" },
                device = new { name = $"LAPTOP-{tag}", ip = "10.0.0.23" },
                activity = new { action = "Blocked", url = $"https://search.example/?q=how-to-{tag}", searchTerm = $"how to {tag}" },
                classification = new { categoryLabel = "self-harm", severity = 4 },
            },
        });
        (await f.SendSigned(source.Id, secret, body)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (source.Id, tag);
    }

    /// <summary>Every stored event that mentions the tag, as raw JSON: what a copy of the database would show.</summary>
    private async Task<string> StoredAsync(Guid sourceId)
    {
        await using var connection = new NpgsqlConnection(f.Host.Services.GetRequiredService<IConfiguration>()["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select coalesce(string_agg(data::text, E'\\n'), '') from {IngestStore.Schema}.mt_events where data::text like @id", connection);
        command.Parameters.AddWithValue("id", $"%{sourceId}%");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task raw_detail_is_kept_within_retention_and_removed_after_it_while_the_event_and_its_counts_stay()
    {
        var (source, tag) = await IngestAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var sweeper = SweeperOn(clock);

        clock.Advance(TimeSpan.FromDays(89));
        await sweeper.SweepAsync(CancellationToken.None);
        var kept = await StoredAsync(source);
        kept.ShouldContain($"pupil.{tag}@blakehill.sch.uk");
        kept.ShouldContain($"how to {tag}");

        clock.Advance(TimeSpan.FromDays(2));
        await sweeper.SweepAsync(CancellationToken.None);
        var swept = await StoredAsync(source);
        swept.ShouldNotContain($"pupil.{tag}");
        swept.ShouldNotContain($"how to {tag}");
        swept.ShouldNotContain($"how-to-{tag}");
        swept.ShouldNotContain($"LAPTOP-{tag}");
        swept.ShouldNotContain("10.0.0.23");
        swept.ShouldContain("self-harm");

        using var dsl = await f.ClientFor("dsl.blakehill");
        var events = JsonDocument.Parse(await dsl.GetStringAsync("/events?take=500")).RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("sourceEventId").GetString() == tag + "-1").ToList();
        var stillThere = events.ShouldHaveSingleItem();
        stillThere.GetProperty("severity").GetInt32().ShouldBe(4);
        stillThere.GetProperty("userRef").GetString().ShouldNotBeNullOrEmpty();
        stillThere.TryGetProperty("rawUser", out var user).ShouldBeTrue();
        user.ValueKind.ShouldBe(JsonValueKind.Null);

        using var admin = await f.ClientFor("it.blakehill");
        var health = await Eventually.Returns(async () => (await admin.GetFromJsonAsync<SourceHealthView>($"/sources/{source}/health"))!,
            h => h.Accepted == 1, TimeSpan.FromSeconds(30), "the health counts survive the sweep");
        health.Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task the_sweep_runs_on_its_timer_on_the_daemon_leader_and_not_on_a_follower()
    {
        var (source, tag) = await IngestAsync();
        var leader = f.Host.Services.GetRequiredService<LeaderElectedDaemon>();
        await Eventually.True(() => Task.FromResult(leader.IsLeader), TimeSpan.FromSeconds(30), "the fixture's replica leads");
        var follower = new LeaderElectedDaemon(f.Host.Services.GetRequiredService<IDocumentStore>(), f.Host.Services.GetRequiredService<IConfiguration>(),
            Options.Create(new DaemonOptions { Enabled = false }), NullLogger<LeaderElectedDaemon>.Instance);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(91));
        using var onFollower = SweeperOn(clock, follower);
        await onFollower.StartAsync(CancellationToken.None);
        // The timer starts on the service's own thread: keep moving the clock until it has ticked.
        await Eventually.True(() => { clock.Advance(Retention.SweepInterval); return Task.FromResult(onFollower.Runs.Ticks >= 1); },
            TimeSpan.FromSeconds(10), "the follower's timer ticked");
        onFollower.Runs.Sweeps.ShouldBe(0);
        (await StoredAsync(source)).ShouldContain($"how to {tag}");
        await onFollower.StopAsync(CancellationToken.None);

        using var onLeader = SweeperOn(clock);
        await onLeader.StartAsync(CancellationToken.None);
        await Eventually.True(() => { clock.Advance(Retention.SweepInterval); return Task.FromResult(onLeader.Runs.Sweeps >= 1); },
            TimeSpan.FromSeconds(30), "the leader swept on its tick");
        (await StoredAsync(source)).ShouldNotContain($"how to {tag}");
        await onLeader.StopAsync(CancellationToken.None);
    }
}
