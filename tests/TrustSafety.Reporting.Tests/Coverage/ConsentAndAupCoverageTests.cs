using Marten;
using TrustSafety.Contracts.Consent;
using TrustSafety.Reporting.Coverage;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.Coverage;

/// <summary>Consent declined and AUP versions through RabbitMQ into the coverage figures (each test its own school).</summary>
public sealed class ConsentAndAupCoverageTests(ClockedReportingFixture fx) : IClassFixture<ClockedReportingFixture>
{
    private const string Wodensfield = "141005";
    /// <summary>The service's clock, pinned for the class: no day or month boundary falls between the events and the query.</summary>
    private DateTimeOffset Now => fx.Clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private async Task<int> Stored<T>(string school, Func<IQueryable<T>, IQueryable<T>> where) where T : notnull
    {
        await using var session = fx.App.Services.GetRequiredService<IDocumentStore>().QuerySession(school);
        return await where(session.Query<T>()).CountAsync();
    }

    [Fact]
    public async Task consent_coverage_counts_given_declined_withdrawn_and_expired_per_type_whatever_the_order()
    {
        var t = Now.AddDays(-10);
        var declinedTwice = Guid.NewGuid();
        await fx.Publish(new ConsentDeclined(StowHeath, t.AddDays(1), "P-1", "photography", 1)); // after the yes, delivered first
        await fx.Publish(new ConsentGiven(StowHeath, t, "P-1", "photography", 1, Today.AddYears(1)));
        await fx.Publish(new ConsentDeclined(StowHeath, t, "P-2", "photography", 1), declinedTwice);
        await fx.Publish(new ConsentDeclined(StowHeath, t, "P-2", "photography", 1), declinedTwice);
        await fx.Publish(new ConsentGiven(StowHeath, t, "P-3", "photography", 1, Today.AddYears(1)));
        await fx.Publish(new ConsentWithdrawn(StowHeath, t.AddDays(2), "P-4", "photography"));
        await fx.Publish(new ConsentGiven(StowHeath, t, "P-4", "photography", 1, Today.AddYears(1)));
        await fx.Publish(new ConsentGiven(StowHeath, t, "P-5", "photography", 1, Today.AddYears(1)));
        await fx.Publish(new ConsentExpired(StowHeath, t.AddDays(3), "P-5", "photography", Today.AddDays(-7)));
        await fx.Publish(new ConsentGiven(StowHeath, t, "P-6", "photography", 1, Today.AddDays(-1))); // period over, expiry not yet recorded
        await fx.Publish(new ConsentDeclined(StowHeath, t, "P-1", "press", 1));

        var summary = await Eventually.Returns(() => fx.GetJson("dsl.stowheath", "/school/summary"), s =>
        {
            var photography = s["figures"]!.Find("consent", c => c["consentType"].Str() == "photography");
            return photography is not null && s["figures"]!["consent"]!.AsArray().Count == 2
                && photography["active"].Int() + photography["declined"].Int() + photography["withdrawn"].Int() + photography["expired"].Int() == 6
                && photography["declined"].Int() == 2 && photography["withdrawn"].Int() == 1 && photography["expired"].Int() == 2;
        }, TimeSpan.FromSeconds(30), "Stow Heath's consent coverage has all six pupils, both declines, the withdrawal and both expiries");

        var row = summary["figures"]!.Find("consent", c => c["consentType"].Str() == "photography")!;
        row["active"].Int().ShouldBe(1, "P-3 only: P-1 declined after saying yes");
        row["declined"].Int().ShouldBe(2, "P-1 and P-2");
        row["withdrawn"].Int().ShouldBe(1);
        row["expired"].Int().ShouldBe(2, "P-5 by its expiry event, P-6 by its period");
        summary["figures"]!.Find("consent", c => c["consentType"].Str() == "press")!["declined"].Int().ShouldBe(1);
        (await Stored<ConsentChange>(StowHeath, q => q.Where(c => c.PupilId == "P-2"))).ShouldBe(1, "a redelivered decline is stored once");

        var overview = await fx.GetJson("trust.lead", "/trust/overview");
        var school = overview["overview"]!.Find("schools", s => s["urn"].Str() == StowHeath)!;
        var trustWide = school.Find("consent", c => c["key"].Str() == "photography")!;
        trustWide["percent"].ShouldBeNull("one pupil's consent is a small number");
        trustWide["declinedPercent"].ShouldBeNull("two pupils' declines are a small number");
    }

    [Fact]
    public async Task aup_coverage_counts_only_signatures_of_the_current_version_and_a_signature_may_arrive_before_its_version()
    {
        var aup = Guid.NewGuid();
        var t = Now.AddDays(-30);
        await fx.Publish(new AupVersionPublished(Wodensfield, t, AupAudiences.Pupil, aup, 1, null));
        await fx.Publish(new AupSigned(Wodensfield, t.AddDays(1), "P-A", AupAudiences.Pupil, aup, 1, t.AddDays(1)));
        var signedTwice = Guid.NewGuid();
        await fx.Publish(new AupSigned(Wodensfield, t.AddDays(1), "P-B", AupAudiences.Pupil, aup, 1, t.AddDays(1)), signedTwice);
        await fx.Publish(new AupSigned(Wodensfield, t.AddDays(1), "P-B", AupAudiences.Pupil, aup, 1, t.AddDays(1)), signedTwice);
        await fx.Publish(new AupSigned(Wodensfield, t.AddDays(20), "P-C", AupAudiences.Pupil, aup, 2, t.AddDays(20))); // before v2 is known
        await fx.Publish(new AupSigned(Wodensfield, t.AddDays(2), "S-1", AupAudiences.Staff, Guid.NewGuid(), 3, t.AddDays(2)));

        var before = await Eventually.Returns(() => fx.GetJson("dsl.wodensfield", "/school/summary"), s =>
            s["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Pupil) is { } p && p["signed"].Int() == 3
            && p["currentVersion"]?.GetValue<int>() == 1
            && s["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Staff) is not null,
            TimeSpan.FromSeconds(30), "three pupil signatures, version 1 published, and a staff one");
        var pupils = before["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Pupil)!;
        pupils["currentVersion"].Int().ShouldBe(1);
        pupils["olderVersion"].Int().ShouldBe(0, "a signature of a version not yet seen published is not older");
        var staff = before["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Staff)!;
        staff["currentVersion"].ShouldBeNull("no staff version has been published to reporting: any signature counts");
        staff["signed"].Int().ShouldBe(1);

        var publishedTwice = Guid.NewGuid();
        await fx.Publish(new AupVersionPublished(Wodensfield, t.AddDays(10), AupAudiences.Pupil, aup, 2, Today.AddDays(-1)), publishedTwice);
        await fx.Publish(new AupVersionPublished(Wodensfield, t.AddDays(10), AupAudiences.Pupil, aup, 2, Today.AddDays(-1)), publishedTwice);

        var after = await Eventually.Returns(() => fx.GetJson("dsl.wodensfield", "/school/summary"), s =>
            s["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Pupil)?["currentVersion"]?.GetValue<int>() == 2,
            TimeSpan.FromSeconds(30), "version 2 is the current pupil AUP");
        pupils = after["figures"]!.Find("aup", a => a["audience"].Str() == AupAudiences.Pupil)!;
        pupils["signed"].Int().ShouldBe(1, "only P-C signed version 2");
        pupils["olderVersion"].Int().ShouldBe(2, "P-A and P-B signed version 1 (P-B's redelivery counted once)");
        pupils["percentOfPupils"]!.GetValue<double>().ShouldBe(Math.Round(100.0 / 376, 1));
        (await Stored<AupVersionRecord>(Wodensfield, q => q.Where(v => v.Version == 2))).ShouldBe(1, "a redelivered publication is stored once");

        var overview = await fx.GetJson("trust.lead", "/trust/overview");
        overview["overview"]!.Find("schools", s => s["urn"].Str() == Wodensfield)!["pupilAupPercent"]
            .ShouldBeNull("one pupil's signature is a small number");
    }
}
