using TrustSafety.Incident.Retention;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.Retention;

/// <summary>Issue 20: a DSL's legal hold, its release and a disposal are pure decisions on the incident's retention stream.</summary>
public sealed class RetentionTests
{
    private static readonly RetentionOptions Options = new();
    private static readonly Guid IncidentId = Guid.NewGuid();
    private static readonly DateTimeOffset Reported = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    // A closed ordinary incident: kept for six years from its closure.
    private static readonly RetentionFacts Closed = new(IncidentId, Reported, Reported, false, false, 2, false, []);
    private static readonly DateTimeOffset Ended = Reported.AddYears(6);

    private static RetentionFile Held() => new()
    {
        IncidentId = IncidentId, Hold = new LegalHoldPlaced(IncidentId, "dsl-1", "Dana DSL", Reported, "Civil claim notified"),
    };

    private static RetentionFile Disposed() => new()
    {
        IncidentId = IncidentId,
        Disposed = new IncidentDisposed(IncidentId, RecordTypes.OnlineSafetyIncident, DateOnly.FromDateTime(Ended.UtcDateTime), "dsl-1", "Dana DSL",
            Ended, "Reviewed"),
    };

    private static Decision Decide(string command, RetentionFile? file, DateTimeOffset now) => command switch
    {
        "hold" => RetentionRules.PlaceHold(IncidentId, file, Given.Dsl, "Claim notified", now),
        "release" => RetentionRules.ReleaseHold(IncidentId, file, Given.Dsl, "Claim settled", now),
        _ => RetentionRules.Dispose(Closed, file, Given.Dsl, "Reviewed: no ongoing need", now, Options),
    };

    public static TheoryData<string, string, RetentionFile?, DateTimeOffset, Type> Accepted => new()
    {
        { "a hold on a file with no retention stream yet", "hold", null, Given.Now, typeof(LegalHoldPlaced) },
        { "a hold on a file after its review", "hold", new RetentionFile { IncidentId = IncidentId, ReviewDueFor = new(2032, 1, 10) }, Given.Now, typeof(LegalHoldPlaced) },
        { "a release of a held file", "release", Held(), Given.Now, typeof(LegalHoldReleased) },
        { "a disposal once the period has ended", "dispose", null, Ended, typeof(IncidentDisposed) },
        { "a disposal after the hold was released", "dispose", new RetentionFile { IncidentId = IncidentId }, Ended.AddYears(1), typeof(IncidentDisposed) },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void an_accepted_change_is_one_event_addressed_to_the_retention_stream(string _, string command, RetentionFile? file, DateTimeOffset now,
        Type expected)
    {
        var decision = Decide(command, file, now);

        decision.Rejection.ShouldBeNull();
        decision.Events.ShouldBeEmpty();
        var addressed = decision.Elsewhere.ShouldHaveSingleItem();
        addressed.StreamId.ShouldBe(RetentionStream.For(IncidentId));
        addressed.Event.ShouldBeOfType(expected);
    }

    public static TheoryData<string, string, RetentionFile?, DateTimeOffset, string> Refused => new()
    {
        { "a second hold", "hold", Held(), Given.Now, "The incident is already under legal hold." },
        { "a release without a hold", "release", null, Given.Now, "The incident is not under legal hold." },
        { "a release of a disposed file never held", "release", Disposed(), Given.Now, "The incident is not under legal hold." },
        { "a disposal before the period ends", "dispose", null, Ended.AddDays(-1), "The incident's retention period has not ended; it cannot be disposed of yet." },
        { "a disposal under legal hold", "dispose", Held(), Ended, "The incident is under legal hold (Civil claim notified); release the hold first." },
        { "a second disposal", "dispose", Disposed(), Ended.AddDays(1), "The incident was already disposed of." },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void a_refusal_is_a_conflict_that_decides_nothing(string _, string command, RetentionFile? file, DateTimeOffset now, string detail)
    {
        var decision = Decide(command, file, now);

        var refused = decision.Rejection.ShouldBeOfType<NotAllowedNow>();
        refused.Status.ShouldBe(409);
        refused.Title.ShouldBe("Not possible now");
        refused.Detail.ShouldBe(detail);
        decision.Records.ShouldBeFalse();
    }

    [Fact]
    public void the_events_carry_the_dsl_the_reason_and_the_period()
    {
        var placed = Decide("hold", null, Given.Now).Elsewhere.ShouldHaveSingleItem().Event.ShouldBeOfType<LegalHoldPlaced>();
        placed.ShouldBe(new LegalHoldPlaced(IncidentId, Given.Dsl.Id, Given.Dsl.Name, Given.Now, "Claim notified"));

        var released = Decide("release", Held(), Given.Now).Elsewhere.ShouldHaveSingleItem().Event.ShouldBeOfType<LegalHoldReleased>();
        released.ShouldBe(new LegalHoldReleased(IncidentId, Given.Dsl.Id, Given.Dsl.Name, Given.Now, "Claim settled"));

        var disposed = Decide("dispose", null, Ended).Elsewhere.ShouldHaveSingleItem().Event.ShouldBeOfType<IncidentDisposed>();
        disposed.ShouldBe(new IncidentDisposed(IncidentId, RecordTypes.OnlineSafetyIncident, new DateOnly(2032, 1, 10), Given.Dsl.Id, Given.Dsl.Name,
            Ended, "Reviewed: no ongoing need"));
    }
}
