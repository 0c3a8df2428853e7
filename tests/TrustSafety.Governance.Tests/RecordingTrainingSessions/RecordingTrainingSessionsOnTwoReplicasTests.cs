namespace TrustSafety.Governance.Tests.RecordingTrainingSessions;

/// <summary>
/// Two replicas of governance on one database, as Kubernetes runs them: training recorded for the same person at once
/// through both is never lost — a clash is refused (412) rather than overwritten, and recording it again adds it once.
/// </summary>
public sealed class RecordingTrainingSessionsOnTwoReplicasTests(GovernanceFixture fixture) : IClassFixture<GovernanceFixture>
{
    [Fact]
    public async Task sessions_recorded_at_once_through_two_replicas_lose_no_completion()
    {
        await using var second = fixture.App.WithWebHostBuilder(_ => { });
        using (var probe = second.CreateClient())
            await Eventually.True(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(60), "the second replica is ready");
        using var one = await fixture.ClientFor("dsl.blakehill");
        using var two = await fixture.Identity.ClientForAsync("dsl.blakehill", second.CreateClient());
        await one.PutNewAsync("/training/people/rep.person", new { name = "Rae Person", role = "dsl", joinedOn = "2020-09-01" }).Ok();

        var sessions = Enumerable.Range(0, 12).Select(i => new
        {
            kind = new[] { "safeguarding", "online-safety", "prevent", "dsl" }[i % 4], completedOn = $"2026-10-{i + 1:00}",
            provider = "LA", attendees = new[] { "rep.person" },
        }).ToList();
        var pending = sessions.ToList();
        for (var round = 0; round < 10 && pending.Count > 0; round++)
        {
            var answers = await Task.WhenAll(pending.Select((s, i) => (i % 2 == 0 ? one : two).PostAsJsonAsync("/training/sessions", s)));
            answers.Select(a => a.StatusCode).ShouldAllBe(c => c == HttpStatusCode.OK || c == HttpStatusCode.PreconditionFailed);
            pending = pending.Where((_, i) => answers[i].StatusCode != HttpStatusCode.OK).ToList();
        }
        pending.ShouldBeEmpty("every session is recorded once retried after a clash");

        var record = await one.GetAsync("/training/people/rep.person").Ok();
        record.GetProperty("completions").GetArrayLength().ShouldBe(12);
    }
}
