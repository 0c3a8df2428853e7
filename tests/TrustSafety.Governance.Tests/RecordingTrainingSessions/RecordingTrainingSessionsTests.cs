using TrustSafety.Governance.RecordingTrainingSessions;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.RecordingTrainingSessions;

public sealed class RecordingTrainingSessionsTests
{
    private static readonly TrainingRequirements Requirements = new();

    private static StaffTraining Person(string id, params string[] preventOn)
    {
        var p = StaffTraining.Create(new StaffMemberJoined(id, id, "staff", new DateOnly(2024, 9, 1), "dsl", Now));
        foreach (var on in preventOn) p.Apply(new TrainingCompleted(id, "prevent", DateOnly.Parse(on), "LA", null, null, "dsl", Now));
        return p;
    }

    private static TrainingSessionHeld Held(string completedOn, params string[] attendees) =>
        new(Guid.CreateVersion7(), "prevent", DateOnly.Parse(completedOn), "LA", null, attendees);

    private static Dictionary<Guid, StaffTraining?> People(params StaffTraining[] people) =>
        people.ToDictionary(p => StreamIds.Person(p.PersonId), p => (StaffTraining?)p);

    public static TheoryData<string, string[], string[]> Sessions => new()
    {
        // completedOn, attendees who already had prevent on 2026-11-09, expected already-recorded attendees
        { "2026-11-09", [], [] },
        { "2026-11-09", ["a.one"], ["a.one"] },
        { "2026-11-09", ["a.one", "a.two"], ["a.one", "a.two"] },
        { "2026-11-08", ["a.one"], [] },
        { "2010-01-01", [], ["a.one", "a.two"] }, // more than ten years before joining: cannot count, left as they are
    };

    [Theory]
    [MemberData(nameof(Sessions))]
    public void every_attendee_gets_one_completion_on_their_own_stream_unless_they_already_have_it(string completedOn, string[] had,
        string[] expectedAlready)
    {
        var people = People(Person("a.one", had.Contains("a.one") ? ["2026-11-09"] : []), Person("a.two", had.Contains("a.two") ? ["2026-11-09"] : []));
        var session = Held(completedOn, "a.one", "a.two");

        var decision = TrainingSession.Decide(people, Requirements, session, Dsl, Now);

        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty("every event is addressed to an attendee's stream");
        foreach (var attendee in new[] { "a.one", "a.two" })
        {
            var theirs = decision.Elsewhere.Where(e => e.StreamId == StreamIds.Person(attendee)).Select(e => e.Event).ToList();
            if (expectedAlready.Contains(attendee)) theirs.ShouldBeEmpty();
            else
            {
                theirs.Count.ShouldBe(2, "the completion, then the position it leaves them in");
                var completed = theirs[0].ShouldBeOfType<TrainingCompleted>();
                (completed.PersonId, completed.Kind, completed.SessionId, completed.By).ShouldBe((attendee, "prevent", session.SessionId, "dsl"));
                theirs[1].ShouldBeOfType<TrainingStatusRecorded>();
            }
        }
        var answer = TrainingSession.Answer(session, decision);
        answer.AlreadyRecorded.ShouldBe(expectedAlready);
        answer.Recorded.ShouldBe(2 - expectedAlready.Length);
    }
}
