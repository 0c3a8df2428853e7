using TrustSafety.Consent.RegisteringPupils;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.RegisteringPupils;

/// <summary>POST /roster's decider: each pupil enrolled on a new stream or brought in line on their own; nothing on the decision's own stream.</summary>
public sealed class RegisteringPupilsTests
{
    /// <summary>A roster entry as "class/year/leaving date" (the date may be empty).</summary>
    private static RosterPupil Entry(string pupilId, string placement)
    {
        var parts = placement.Split('/');
        return new RosterPupil(pupilId, parts[0], int.Parse(parts[1]), parts[2].Length == 0 ? null : DateOnly.Parse(parts[2]));
    }

    private static Pupil OnRoster(string pupilId, string placement)
    {
        var entry = Entry(pupilId, placement);
        return new Pupil
        {
            Id = StreamIds.Pupil(pupilId), Version = 3, PupilId = pupilId, ClassName = entry.ClassName, YearGroup = entry.YearGroup,
            LeavingDate = entry.LeavingDate,
        };
    }

    public static TheoryData<string?, string, string[]> Entries => new()
    {
        // on the roster (null: not yet), as sent, the events recorded for the pupil
        { null, "3B/3/", ["PupilEnrolled"] },
        { null, "3B/3/2027-07-22", ["PupilEnrolled", "PupilLeavingDateRecorded"] },
        { "3B/3/", "3B/3/", [] },
        { "3B/3/", "4B/4/", ["PupilPlacementChanged"] },
        { "3B/3/", "3B/3/2027-07-22", ["PupilLeavingDateRecorded"] },
        { "3B/3/2027-07-22", "4H/4/", ["PupilPlacementChanged", "PupilLeavingDateRecorded"] },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void a_new_pupil_starts_their_stream_and_a_known_one_records_only_what_changed_on_theirs(string? before, string sent,
        string[] expected)
    {
        var id = StreamIds.Pupil("p1");
        var pupils = new Dictionary<Guid, Pupil?> { [id] = before is null ? null : OnRoster("p1", before) };

        var decision = RegisterOnRoster.Decide(pupils, [Entry("p1", sent)], Now);

        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty("every event is addressed to a pupil's stream");
        if (before is null)
        {
            decision.Elsewhere.ShouldBeEmpty();
            var started = decision.Started.ShouldHaveSingleItem();
            (started.StreamId, started.AggregateType).ShouldBe((id, typeof(Pupil)));
            started.Events.Select(e => e.GetType().Name).ShouldBe(expected);
        }
        else
        {
            decision.Started.ShouldBeEmpty();
            decision.Elsewhere.ShouldAllBe(e => e.StreamId == id);
            decision.Elsewhere.Select(e => e.Event.GetType().Name).ShouldBe(expected);
        }
        RegisterOnRoster.Answer(1, decision).ShouldBe(new RosterResult(
            before is null ? 1 : 0, before is not null && expected.Length > 0 ? 1 : 0, expected.Length == 0 ? 1 : 0));
    }

    [Fact]
    public void a_roster_of_several_pupils_is_answered_with_how_many_were_enrolled_changed_and_unchanged()
    {
        var pupils = new Dictionary<Guid, Pupil?>
        {
            [StreamIds.Pupil("new")] = null,
            [StreamIds.Pupil("moved")] = OnRoster("moved", "3B/3/"),
            [StreamIds.Pupil("same")] = OnRoster("same", "3B/3/"),
        };

        var decision = RegisterOnRoster.Decide(pupils, [Entry("new", "5W/5/"), Entry("moved", "4B/4/2027-07-22"), Entry("same", "3B/3/")], Now);

        decision.Started.ShouldHaveSingleItem().StreamId.ShouldBe(StreamIds.Pupil("new"));
        decision.Elsewhere.Select(e => e.StreamId).Distinct().ShouldBe([StreamIds.Pupil("moved")]);
        decision.Elsewhere.Select(e => e.Event).OfType<PupilPlacementChanged>().ShouldHaveSingleItem().ClassName.ShouldBe("4B");
        RegisterOnRoster.Answer(3, decision).ShouldBe(new RosterResult(1, 1, 1));
    }
}
