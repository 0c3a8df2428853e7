using TrustSafety.Reporting.Standards;
using TrustSafety.EventSourcing;
using TrustSafety.Reporting.RequestingUnblock;

namespace TrustSafety.Reporting.Tests.RequestingUnblock;

/// <summary>The unblock decider as a pure function: no database, no HTTP; the endpoint only appends what it returns.</summary>
public sealed class RequestingUnblockTests
{
    private static readonly DateTimeOffset Asked = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Asked.AddHours(5.5);
    private static readonly Guid RequestId = Guid.Parse("0190f0a0-0000-7000-8000-000000000001");
    private static readonly Guid DecisionId = Guid.Parse("0190f0a0-0000-7000-8000-000000000002");

    private static FilteringStandardsEvidence Evidence(params object[] events)
    {
        var evidence = new FilteringStandardsEvidence { SchoolUrn = "100001" };
        foreach (var e in events)
        {
            switch (e)
            {
                case UnblockRequested r: evidence.Apply(r); break;
                case UnblockRequestDecided d: evidence.Apply(d); break;
                case FilteringDecisionRecorded f: evidence.Apply(f); break;
                default: throw new ArgumentException(e.GetType().Name);
            }
        }
        return evidence;
    }

    private static readonly UnblockRequested Request = new("100001", RequestId, "www.history-sources.example/ww2", "Year 9 lesson on propaganda", "J. Smith", Asked);

    private static Decision Decide(FilteringStandardsEvidence evidence, DecideUnblockRequest command, Guid? requestId = null) =>
        UnblockRequestDecider.Decide(evidence, requestId ?? RequestId, command, "A. Okafor", Now, DecisionId);

    [Fact]
    public void an_unblock_until_a_date_is_decided_and_enters_the_log_naming_who_asked_who_approved_why_and_until_when()
    {
        var until = new DateOnly(2026, 12, 19);

        var decision = Decide(Evidence(Request), new DecideUnblockRequest("unblocked", "  Needed for the propaganda unit  ", until));

        decision.Accepted.ShouldBeTrue();
        var events = decision.Events;
        events.Count.ShouldBe(2);
        events[0].ShouldBe(new UnblockRequestDecided("100001", RequestId, "unblocked", "Needed for the propaganda unit", until, "A. Okafor", Now));
        events[1].ShouldBe(new FilteringDecisionRecorded("100001", DecisionId, "allow", "www.history-sources.example/ww2", "Needed for the propaganda unit",
            new DateOnly(2026, 11, 23), "A. Okafor", Now, "J. Smith", "A. Okafor", until, RequestId));
        Evidence([Request, .. events]).UnblockRequests.ShouldHaveSingleItem().HoursToDecide.ShouldBe(5.5);
    }

    [Fact]
    public void keeping_a_site_blocked_is_only_the_answer_and_adds_nothing_to_the_log()
    {
        var decision = Decide(Evidence(Request), new DecideUnblockRequest("kept-blocked", "The page hosts extremist material", null));

        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldHaveSingleItem()
            .ShouldBeOfType<UnblockRequestDecided>().Outcome.ShouldBe(UnblockOutcomes.KeptBlocked);
    }

    [Fact]
    public void a_request_already_answered_is_refused_saying_how_and_by_whom()
    {
        var answered = new UnblockRequestDecided("100001", RequestId, "kept-blocked", "No", null, "B. Head", Asked.AddHours(1));

        var decision = Decide(Evidence(Request, answered), new DecideUnblockRequest("unblocked", "Changed my mind", null));

        decision.Rejection.ShouldBeOfType<NotAllowedNow>().Detail.ShouldContain("kept blocked) by B. Head");
    }

    [Fact]
    public void a_member_of_staffs_request_is_addressed_to_the_schools_evidence_naming_who_asked()
    {
        var stream = FilteringStandardsEvidence.StreamFor("100001");
        var decision = UnblockRequestDecider.Request(stream, "100001", RequestId,
            new RequestUnblock("  www.history-sources.example/ww2 ", " Year 9 lesson on propaganda "), new Actor("u-smith", "J. Smith", ["staff"]), Asked);

        decision.Events.ShouldBeEmpty("the request is addressed to the school's evidence stream");
        var addressed = decision.Elsewhere.ShouldHaveSingleItem();
        addressed.StreamId.ShouldBe(stream);
        addressed.Event.ShouldBe(Request with { RequestedById = "u-smith" });
    }

    [Fact]
    public void a_request_the_school_does_not_have_is_not_found() =>
        Decide(Evidence(Request), new DecideUnblockRequest("unblocked", "Fine", null), Guid.NewGuid()).Rejection.ShouldBeOfType<Missing>();

    [Theory]
    [InlineData("maybe", "Because", null, "outcome")]
    [InlineData(null, "Because", null, "outcome")]
    [InlineData("unblocked", "  ", null, "reason")]
    [InlineData("unblocked", "Because", "2026-11-23", "until")]
    [InlineData("kept-blocked", "Because", "2027-01-01", "until")]
    public void a_bad_field_is_named_and_nothing_is_decided(string? outcome, string? reason, string? until, string field)
    {
        var decision = Decide(Evidence(Request), new DecideUnblockRequest(outcome, reason, until is null ? null : DateOnly.Parse(until)));

        decision.Rejection.ShouldBeOfType<InvalidInput>().Errors.Keys.ShouldContain(field);
    }
}
