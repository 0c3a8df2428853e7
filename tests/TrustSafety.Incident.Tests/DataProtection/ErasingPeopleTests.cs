using TrustSafety.Incident.DataProtection;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.DataProtection;

/// <summary>Issue 20: a DSL's erasure is a pure decision on the school's data-protection log: refused, scheduled or carried out now.</summary>
public sealed class ErasingPeopleTests
{
    private static readonly Guid IncidentId = Guid.NewGuid();

    private static readonly ErasureBlocker Hold = new("Incident of 2025-01-10: legal hold (Civil claim notified)", null, IncidentId,
        HoldReason: "Civil claim notified");

    private static readonly ErasureBlocker Retained = new("Incident of 2025-01-10: child-protection file kept until 2050-01-10",
        new DateOnly(2050, 1, 10), IncidentId, "child-protection-file", "25 years from the child's date of birth");

    private static readonly ErasureBlocker RetainedLonger = new("Incident of 2025-02-01: child-protection file kept until 2051-02-01",
        new DateOnly(2051, 2, 1), Guid.NewGuid(), "child-protection-file", "25 years from the child's date of birth");

    private static ErasureCommand Command(bool whenRetentionEnds) => new("P-100", "pupil", "Request granted under Article 17", whenRetentionEnds);

    public static TheoryData<string, ErasureBlocker[], bool, bool, string> Cases => new()
    {
        { "nothing keeps them, their key is held", [], false, true, "erased" },
        { "nothing keeps them, no key was ever issued", [], false, false, "erased" },
        { "nothing keeps them, scheduling asked for but not needed", [], true, true, "erased" },
        { "retention keeps them and they may wait", [Retained, RetainedLonger], true, true, "scheduled" },
        { "retention keeps them and they may not wait", [Retained], false, true, "refused" },
        { "a legal hold keeps them though they may wait", [Hold, Retained], true, true, "refused" },
        { "a legal hold keeps them", [Hold], false, true, "refused" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void an_erasure_is_refused_scheduled_or_carried_out(string _, ErasureBlocker[] blocks, bool whenRetentionEnds, bool keyHeld,
        string outcome)
    {
        var decision = ErasingPeople.Decide(new ErasureFacts(blocks, keyHeld), Command(whenRetentionEnds), Given.Dsl, Given.Now);

        decision.Events.ShouldBeEmpty();
        switch (outcome)
        {
            case "erased":
                decision.Rejection.ShouldBeNull();
                var erased = decision.Elsewhere.ShouldHaveSingleItem();
                erased.StreamId.ShouldBe(DataProtectionStream.Id);
                erased.Event.ShouldBe(new PersonErased("pupil:P-100", "pupil", Given.Dsl.Id, Given.Dsl.Name, Given.Now,
                    "Request granted under Article 17", keyHeld));
                break;
            case "scheduled":
                decision.Rejection.ShouldBeNull();
                var scheduled = decision.Elsewhere.ShouldHaveSingleItem();
                scheduled.StreamId.ShouldBe(DataProtectionStream.Id);
                var @event = scheduled.Event.ShouldBeOfType<ErasureScheduled>();
                // The day the longest retention ends, and every file that keeps them until then.
                @event.ShouldBe(new ErasureScheduled("pupil:P-100", "pupil", "P-100", new DateOnly(2051, 2, 1), Given.Dsl.Id, Given.Dsl.Name,
                    Given.Now, "Request granted under Article 17", @event.KeptBy));
                @event.KeptBy.ShouldBe([Retained.Text, RetainedLonger.Text]);
                break;
            default:
                var refused = decision.Rejection.ShouldBeOfType<NotAllowedNow>();
                refused.Status.ShouldBe(409);
                refused.Title.ShouldBe("These records must be kept: nothing was erased");
                decision.Records.ShouldBeFalse();
                break;
        }
    }

    [Fact]
    public void a_refusal_kept_by_retention_alone_says_when_it_could_be_carried_out()
    {
        var refused = ErasingPeople.Decide(new ErasureFacts([Retained], true), Command(false), Given.Dsl, Given.Now)
            .Rejection.ShouldBeOfType<NotAllowedNow>();

        refused.Detail.ShouldBe($"The pupil is on records that retention or a legal hold keeps: {Retained.Text}. Erase again once the hold is " +
            "released or the retention date has passed (and the file has been reviewed), or send whenRetentionEnds: true to have it carried out on 2050-01-10.");
        var extensions = refused.Extensions.ShouldNotBeNull();
        extensions["keptBy"].ShouldBeAssignableTo<IEnumerable<string>>().ShouldNotBeNull().ShouldBe([Retained.Text]);
        extensions["erasureDueOn"].ShouldBe(new DateOnly(2050, 1, 10));
        extensions["kept"].ShouldBeAssignableTo<System.Collections.IList>().ShouldNotBeNull().Count.ShouldBe(1);
    }

    [Fact]
    public void a_refusal_under_legal_hold_has_no_date()
    {
        var refused = ErasingPeople.Decide(new ErasureFacts([Hold, Retained], true), Command(true), Given.Dsl, Given.Now)
            .Rejection.ShouldBeOfType<NotAllowedNow>();

        refused.Detail.ShouldBe($"The pupil is on records that retention or a legal hold keeps: {Hold.Text}; {Retained.Text}. Erase again once " +
            "the hold is released or the retention date has passed (and the file has been reviewed).");
        var extensions = refused.Extensions.ShouldNotBeNull();
        extensions.ContainsKey("erasureDueOn").ShouldBeFalse();
        extensions["keptBy"].ShouldBeAssignableTo<IEnumerable<string>>().ShouldNotBeNull().ShouldBe([Hold.Text, Retained.Text]);
    }
}
