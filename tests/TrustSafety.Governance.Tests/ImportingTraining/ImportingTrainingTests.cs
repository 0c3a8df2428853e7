using TrustSafety.Governance.ImportingTraining;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.ImportingTraining;

public sealed class ImportingTrainingTests
{
    private const string Header = "person_id,name,role,joined_on,kind,completed_on,provider,certificate_ref\r\n";

    /// <summary>On the register: on.file, who did safeguarding on 2026-09-03 with the LA.</summary>
    private static Dictionary<Guid, StaffTraining?> People(IEnumerable<string> ids)
    {
        var onFile = StaffTraining.Create(new StaffMemberJoined("on.file", "On File", "staff", new DateOnly(2024, 9, 1), "dsl", Now));
        onFile.Apply(new TrainingCompleted("on.file", "safeguarding", new DateOnly(2026, 9, 3), "LA", null, null, "dsl", Now));
        return ids.Distinct(StringComparer.Ordinal).ToDictionary(StreamIds.Person, id => id == "on.file" ? onFile : (StaffTraining?)null);
    }

    public static TheoryData<string, string, int, int, int, int[], string[]> Imports => new()
    {
        // name, rows, recorded, added, already, rejected rows, event types on the first row's person's stream
        { "a new person joins, then their training", "new.one,New One,staff,2023-09-01,safeguarding,2026-09-03,LA,SG-1",
            1, 1, 0, [], ["StaffMemberJoined", "TrainingStatusRecorded", "TrainingCompleted", "TrainingStatusRecorded"] },
        { "a new person needs a name and a role", "new.one,,,,safeguarding,2026-09-03,LA,", 0, 0, 0, [2], [] },
        { "someone on the register", "on.file,,,,prevent,2026-09-03,LA,", 1, 0, 0, [], ["TrainingCompleted", "TrainingStatusRecorded"] },
        { "training already on the register counts once", "on.file,,,,safeguarding,2026-09-03,LA,", 0, 0, 1, [], [] },
        { "a later row sees the person an earlier row added",
            "new.one,New One,staff,2023-09-01,safeguarding,2026-09-03,LA,\r\nnew.one,,,,prevent,2026-09-03,LA,", 2, 1, 0, [],
            ["StaffMemberJoined", "TrainingStatusRecorded", "TrainingCompleted", "TrainingStatusRecorded", "TrainingCompleted", "TrainingStatusRecorded"] },
        { "the same row twice counts once", "on.file,,,,prevent,2026-09-03,LA,\r\non.file,,,,prevent,2026-09-03,LA,", 1, 0, 1, [],
            ["TrainingCompleted", "TrainingStatusRecorded"] },
        { "a person joins even when their training cannot count", "new.one,New One,staff,2024-09-01,safeguarding,2010-01-01,LA,", 0, 1, 0, [2],
            ["StaffMemberJoined", "TrainingStatusRecorded"] },
        { "a row with a bad cell is named and nothing is recorded for it", "on.file,,,,juggling,2026-09-03,LA,", 0, 0, 0, [2], [] },
    };

    [Theory]
    [MemberData(nameof(Imports))]
    public void every_good_row_is_recorded_on_its_persons_stream_and_every_bad_row_is_named(string name, string rows, int recorded,
        int added, int already, int[] rejectedRows, string[] events)
    {
        var (parsed, headerError, rejected) = TrainingImport.Parse(Header + rows + "\r\n");
        headerError.ShouldBeNull(name);

        var (decision, result) = TrainingImport.Decide(People(parsed.Select(r => r.PersonId)), new TrainingRequirements(),
            new TrainingImportRows(parsed, rejected), Dsl, Now);

        decision.Accepted.ShouldBeTrue(name);
        decision.Events.ShouldBeEmpty("every event is addressed to a person's stream");
        (result.Recorded, result.PeopleAdded, result.AlreadyRecorded).ShouldBe((recorded, added, already), name);
        result.Rejected.Select(r => r.Row).ShouldBe(rejectedRows, name);
        decision.Elsewhere.Where(e => e.StreamId == StreamIds.Person(parsed[0].PersonId)).Select(e => e.Event.GetType().Name).ShouldBe(events, name);
        decision.Elsewhere.ShouldAllBe(e => e.StreamId == StreamIds.Person(parsed[0].PersonId), "one person per table row");
    }
}
