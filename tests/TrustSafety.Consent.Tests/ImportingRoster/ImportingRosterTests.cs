using TrustSafety.Consent.ImportingRoster;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.ImportingRoster;

/// <summary>
/// POST /roster/imports' decider: joiners start their own streams, every other change is addressed to the pupil's stream,
/// an import that changes anything starts its own record, and a full export missing most of the school is refused.
/// </summary>
public sealed class ImportingRosterTests
{
    private static readonly DateOnly Today = new(2026, 9, 10);
    private static readonly Actor Dsl = new("dsl-1", "Dee Sloane", ["dsl"]);
    private static readonly Guid ImportId = Guid.CreateVersion7();

    private static MisPupil Row(string upn, string forename = "Amy", string className = "3B", string? leaving = null, string accounts = "amy") =>
        new(2, upn, forename, "Khan", null, null, new DateOnly(2018, 5, 1), 3, className, new DateOnly(2022, 9, 5),
            leaving is null ? null : DateOnly.Parse(leaving), accounts.Split(';', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A pupil the roster has from an earlier import: Amy Khan, Year 3, 3B, on roll, signing in as "amy".</summary>
    private static Pupil Known(string upn)
    {
        var pupilId = "p-" + upn;
        var pupil = Pupil.Create(new PupilEnrolled(pupilId, "3B", 3, Now));
        pupil.Id = StreamIds.Pupil(pupilId);
        pupil.Version = 3;
        pupil.Apply(new PupilDetailsRecorded(pupilId, upn, "Amy", "Khan", null, null, new DateOnly(2018, 5, 1), new DateOnly(2022, 9, 5), Now));
        pupil.Apply(new PupilSignInAccountsSet(pupilId, ["amy"], Now));
        return pupil;
    }

    private static Dictionary<Guid, Pupil?> Roster(params Pupil[] pupils) => pupils.ToDictionary(p => p.Id, p => (Pupil?)p);

    private static (Decision Decision, RosterReport Report) Import(Dictionary<Guid, Pupil?> roster, bool missingHaveLeft, params MisPupil[] rows)
    {
        var next = 0;
        return ImportRoster.Decide(roster, new RosterImport(ImportId, "sims", rows, missingHaveLeft), () => $"p-new-{++next}", Dsl, Today, Now);
    }

    public static TheoryData<string, string, string?, string, string[], string> KnownPupils => new()
    {
        // the file's forename, class, leaving date and accounts for a known pupil; the events on their stream; where the report lists them
        { "Amy", "3B", null, "amy", [], "unchanged" },
        { "Amy", "3W", null, "amy", ["PupilPlacementChanged"], "changed" },
        { "Amelia", "3B", null, "amy", ["PupilDetailsRecorded"], "changed" },
        { "Amy", "3B", null, "amy;amy.khan@school", ["PupilSignInAccountsSet"], "changed" },
        { "Amy", "3B", "2027-07-22", "amy", ["PupilLeavingDateRecorded"], "leavers" },
        { "Amelia", "4H", "2027-07-22", "", ["PupilDetailsRecorded", "PupilPlacementChanged", "PupilLeavingDateRecorded", "PupilSignInAccountsSet"], "leavers" },
    };

    [Theory]
    [MemberData(nameof(KnownPupils))]
    public void a_known_pupil_gets_only_what_changed_on_their_own_stream(string forename, string className, string? leaving, string accounts,
        string[] expected, string listed)
    {
        var amy = Known("UPN01");

        var (decision, report) = Import(Roster(amy), true, Row("UPN01", forename, className, leaving, accounts));

        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty("every event is addressed to a pupil's stream");
        decision.Elsewhere.ShouldAllBe(e => e.StreamId == amy.Id);
        decision.Elsewhere.Select(e => e.Event.GetType().Name).ShouldBe(expected);
        if (expected.Length == 0) decision.Started.ShouldBeEmpty("an import that changes nothing leaves no record");
        else decision.Started.ShouldHaveSingleItem().Events.ShouldHaveSingleItem().ShouldBeOfType<RosterImported>();
        (report.Unchanged, report.Changed.Count, report.Leavers.Count).ShouldBe(
            (listed == "unchanged" ? 1 : 0, listed == "changed" ? 1 : 0, listed == "leavers" ? 1 : 0));
        report.Joiners.ShouldBeEmpty();
    }

    [Fact]
    public void a_joiner_starts_a_pupil_stream_and_the_import_starts_its_own_record_of_what_it_did()
    {
        var (decision, report) = Import(Roster(Known("UPN01")), true, Row("UPN01"), Row("UPN02", "Bilal", "4H", accounts: "bilal"));

        decision.Elsewhere.ShouldBeEmpty();
        decision.Started.Count.ShouldBe(2);
        var joiner = decision.Started[0];
        (joiner.StreamId, joiner.AggregateType).ShouldBe((StreamIds.Pupil("p-new-1"), typeof(Pupil)));
        joiner.Events.Select(e => e.GetType().Name).ShouldBe(["PupilEnrolled", "PupilDetailsRecorded", "PupilSignInAccountsSet"]);
        var record = decision.Started[1];
        (record.StreamId, record.AggregateType).ShouldBe((ImportId, (Type?)null));
        record.Events.ShouldHaveSingleItem().ShouldBe(new RosterImported(ImportId, "dsl-1", "Dee Sloane", Now, "sims", 2, 1, 0, 0, 1));
        report.Joiners.ShouldHaveSingleItem().What.ShouldBe(["joins Year 3, 4H"]);
    }

    public static TheoryData<bool, int, int, int?> MissingPupils => new()
    {
        // missing=leave, pupils on roll, how many of them the file lists, leavers recorded (null: refused, 422)
        { true, 3, 3, 0 },
        { true, 3, 1, 2 },
        { true, 20, 10, 10 },
        { true, 20, 9, null },
        { false, 20, 3, 0 },
    };

    [Theory]
    [MemberData(nameof(MissingPupils))]
    public void a_pupil_missing_from_a_full_export_left_yesterday_unless_most_of_the_school_would_leave(bool missingHaveLeft, int onRoll,
        int listed, int? leavers)
    {
        var pupils = Enumerable.Range(1, onRoll).Select(i => Known($"UPN{i:00}")).ToArray();

        var (decision, report) = Import(Roster(pupils), missingHaveLeft, pupils.Take(listed).Select(p => Row(p.Upn!)).ToArray());

        decision.Events.ShouldBeEmpty();
        if (leavers is null)
        {
            var refused = decision.Rejection.ShouldBeOfType<Unprocessable>();
            refused.Title.ShouldBe("Most pupils would leave");
            refused.Detail.ShouldBe($"{onRoll - listed} of the {onRoll} pupils on roll are not in this file, so the import would record them all as leavers. "
                + "If the file is one year group or key stage, import it with ?missing=keep; otherwise export the whole school.");
            return;
        }
        decision.Accepted.ShouldBeTrue();
        var left = decision.Elsewhere.Select(e => (e.StreamId, Event: (PupilLeavingDateRecorded)e.Event)).ToList();
        left.Select(l => l.StreamId).ShouldBe(pupils.Skip(listed).Take(leavers.Value).Select(p => p.Id), ignoreOrder: true);
        left.ShouldAllBe(l => l.Event.LeavingDate == Today.AddDays(-1));
        report.Leavers.Count.ShouldBe(leavers.Value);
        report.Unchanged.ShouldBe(listed);
    }
}
