using Marten;
using Microsoft.Extensions.Hosting;
using TrustSafety.Contracts.Reference;
using TrustSafety.Reporting.Incidents;

namespace TrustSafety.Reporting.Tests.Incidents;

/// <summary>
/// Issue 17 (left over from point 9): a reporting database from before the outcome codes may hold outcome words in
/// documents no view shows; the start-up cleanup replaces them with not-coded, keeps codes, and changes nothing twice.
/// </summary>
public sealed class OutcomeTextCleanupTests(ReportingFixture fixture) : IClassFixture<ReportingFixture>
{
    [Fact]
    public async Task outcome_words_from_before_the_codes_become_not_coded_codes_stay_and_a_second_run_changes_nothing()
    {
        var store = fixture.App.Services.GetRequiredService<IDocumentStore>();
        const string school = "141001";
        var (worded, coded, closure) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        const string words = "Social care spoke to Tom's mother; no further action (okapi-outcome)";
        await using (var session = store.LightweightSession(school))
        {
            ReferralOutcomeRecord Outcome(Guid id, string text) => new()
            {
                Id = id, IncidentId = Guid.NewGuid(), SchoolUrn = school, Destination = "childrens-social-care", Outcome = text, At = DateTimeOffset.UtcNow,
            };
            session.Store(new ReferralEntry { Id = worded, SchoolUrn = school, Outcome = Outcome(worded, words) });
            session.Store(new ReferralEntry { Id = coded, SchoolUrn = school, Outcome = Outcome(coded, ReferralOutcomes.EarlyHelp) });
            session.Store(Outcome(worded, words));
            session.Store(new IncidentStatusChange { Id = closure, IncidentId = Guid.NewGuid(), SchoolUrn = school, Closed = true, At = DateTimeOffset.UtcNow, Outcome = words });
            await session.SaveChangesAsync();
        }

        var cleanup = fixture.App.Services.GetServices<IHostedService>().OfType<OutcomeTextCleanup>().ShouldHaveSingleItem("it runs at every start");
        (await cleanup.CleanAsync(CancellationToken.None)).ShouldBe(3);
        (await cleanup.CleanAsync(CancellationToken.None)).ShouldBe(0, "idempotent");

        await using var read = store.QuerySession(school);
        (await read.LoadAsync<ReferralEntry>(worded)).ShouldNotBeNull().Outcome.ShouldNotBeNull().Outcome.ShouldBe(ReferralOutcomes.NotCoded);
        (await read.LoadAsync<ReferralEntry>(coded)).ShouldNotBeNull().Outcome.ShouldNotBeNull().Outcome.ShouldBe(ReferralOutcomes.EarlyHelp);
        (await read.LoadAsync<ReferralOutcomeRecord>(worded)).ShouldNotBeNull().Outcome.ShouldBe(ReferralOutcomes.NotCoded);
        (await read.LoadAsync<IncidentStatusChange>(closure)).ShouldNotBeNull().Outcome.ShouldBe(IncidentOutcomes.NotCoded);
    }
}
