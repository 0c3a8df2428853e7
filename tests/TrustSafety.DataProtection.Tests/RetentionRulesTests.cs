using TrustSafety.Incident.Retention;

namespace TrustSafety.DataProtection.Tests;

public sealed class RetentionRulesTests
{
    private static readonly DateTimeOffset Reported = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetentionOptions Options = new();

    private static RetentionFacts Facts(int? severity = 2, bool referred = false, bool staff = false, DateTimeOffset? closed = null,
        params DateOnly?[] born) => new(Guid.NewGuid(), Reported, closed, referred, false, severity, staff, born);

    public static TheoryData<string, RetentionFacts, string, string?> Periods => new()
    {
        { "open ordinary incident: kept while open", Facts(), RecordTypes.OnlineSafetyIncident, null },
        { "closed ordinary incident: closure + 6", Facts(closed: Reported.AddMonths(1)), RecordTypes.OnlineSafetyIncident, "2032-02-10" },
        { "severity 4: child protection, dob + 25", Facts(4, born: new DateOnly(2014, 5, 6)), RecordTypes.ChildProtectionFile, "2039-05-06" },
        { "referral: child protection, youngest child counts", Facts(2, referred: true, born: [new DateOnly(2012, 1, 1), new DateOnly(2015, 3, 3)]), RecordTypes.ChildProtectionFile, "2040-03-03" },
        { "unknown date of birth: report + 25", Facts(5, born: [null]), RecordTypes.ChildProtectionFile, "2051-01-10" },
        { "allegation against staff: report + 10", Facts(3, staff: true), RecordTypes.StaffAllegation, "2036-01-10" },
    };

    [Theory]
    [MemberData(nameof(Periods))]
    public void retention_period_follows_the_record_type(string _, RetentionFacts facts, string type, string? until)
    {
        RetentionRules.RecordTypeOf(facts, Options).ShouldBe(type);
        var period = RetentionRules.PeriodOf(facts, Options);
        if (until is null) period.ShouldBeNull();
        else period.ShouldNotBeNull().RetainUntil.ToString("yyyy-MM-dd").ShouldBe(until);
    }

    [Fact]
    public void nothing_happens_before_the_period_ends_nor_under_legal_hold_nor_twice()
    {
        var facts = Facts(closed: Reported);
        RetentionRules.Decide(facts, null, Reported.AddYears(6).AddDays(-1), Options).ShouldBeNull();
        RetentionRules.Decide(facts, null, Reported.AddYears(6), Options).ShouldBeOfType<IncidentDisposed>();
        var held = new RetentionFile { Hold = new LegalHoldPlaced(facts.IncidentId, "dsl", "DSL", Reported, "claim") };
        RetentionRules.Decide(facts, held, Reported.AddYears(7), Options).ShouldBeNull();

        var cp = Facts(5, born: new DateOnly(2014, 5, 6));
        var due = RetentionRules.Decide(cp, null, new DateTimeOffset(2039, 5, 6, 0, 0, 0, TimeSpan.Zero), Options).ShouldBeOfType<RetentionReviewDue>();
        RetentionRules.Decide(cp, new RetentionFile { ReviewDueFor = due.RetainUntil }, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero), Options).ShouldBeNull();
    }

    [Fact]
    public void invalid_configuration_is_reported_by_key()
    {
        var options = new RetentionOptions { RawVendorPayloadDays = 0, OnlineSafetyIncident = new RetentionRule { Years = 6, Action = "shred" } };
        options.ChildProtectionFile.Action = RetentionActions.Dispose;
        options.Problems().ShouldBe([
            "Retention:ChildProtectionFile:Action must be 'review': child-protection files are never disposed of unseen.",
            "Retention:OnlineSafetyIncident:Action must be 'review' or 'dispose'.",
            "Retention:RawVendorPayloadDays must be 1-3650.",
        ]);
    }
}
