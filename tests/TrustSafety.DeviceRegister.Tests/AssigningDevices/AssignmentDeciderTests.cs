using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using TrustSafety.DeviceRegister.AssigningDevices;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests.AssigningDevices;

public sealed class AssignmentDeciderTests
{
    private const string Reason = "Paper AUP signed at induction; consent record to follow";

    [Theory]
    [InlineData("staff", true, null, true, false)]
    [InlineData("pupil", true, null, true, false)]
    [InlineData("pupil", true, Reason, true, false)]
    [InlineData("pupil", false, null, false, false)]
    [InlineData("staff", false, null, false, false)]
    [InlineData("pupil", false, Reason, true, true)]
    [InlineData("staff", false, Reason, true, true)]
    [InlineData("class", false, null, true, false)]
    [InlineData("room", false, null, true, false)]
    public void a_person_needs_a_current_aup_or_a_recorded_override(string kind, bool aupCurrent, string? overrideReason,
        bool accepted, bool overridden)
    {
        var device = TestDevices.School("ipad");

        var outcome = AssignmentDecider.Decide(device, new AssignDevice(kind, "ID-42", overrideReason), aupCurrent, TestDevices.It,
            TestDevices.Now);

        outcome.Accepted.ShouldBe(accepted, outcome.Rejection?.Detail);
        if (!accepted)
        {
            outcome.Rejection!.Title.ShouldBe("No current acceptable-use signature");
            outcome.Rejection.Detail.ShouldContain("aupOverrideReason");
            return;
        }
        var assigned = outcome.Events.ShouldHaveSingleItem().ShouldBeOfType<DeviceAssigned>();
        assigned.AssigneeKind.ShouldBe(kind);
        assigned.AssigneeId.ShouldBe("ID-42");
        (assigned.AupOverrideReason is not null).ShouldBe(overridden);
        assigned.AupCurrent.ShouldBe(!overridden);
        if (overridden) assigned.AupOverrideReason.ShouldBe(Reason);
    }

    public static TheoryData<string, Func<Device>> DevicesThatCannotBeAssigned() => new()
    {
        { "Device is not in service", () => With(TestDevices.School(), d => d.Apply(new DeviceRetired(d.Id, "broken", TestDevices.ItRecorded, TestDevices.Now))) },
        { "Device is not in service", () => With(TestDevices.School(), d => d.Apply(new DeviceReportedMissing(d.Id, "stolen", null, TestDevices.ItRecorded, TestDevices.Now))) },
        { "Device is in custody", () => With(TestDevices.School(), d => d.CustodyState = CustodyStates.Quarantined) },
        { "Device already assigned", () => TestDevices.School().AssignedTo("staff", "S-1", TestDevices.Now.AddDays(-1)) },
        { "Not a school device", TestDevices.PersonalPhone },
    };

    [Theory]
    [MemberData(nameof(DevicesThatCannotBeAssigned))]
    public void a_device_that_is_not_free_is_not_assigned_even_with_an_override(string title, Func<Device> device)
    {
        var outcome = AssignmentDecider.Decide(device(), new AssignDevice("pupil", "P-1", Reason), true, TestDevices.It, TestDevices.Now);

        outcome.Rejection.ShouldNotBeNull().Title.ShouldBe(title);
    }

    [Theory]
    [InlineData(null, "P-1", null, "assigneeKind")]
    [InlineData("parent", "P-1", null, "assigneeKind")]
    [InlineData("pupil", "", null, "assigneeId")]
    [InlineData("pupil", "P-1", "because", "aupOverrideReason")]
    public void an_incomplete_assignment_names_the_field_to_fix(string? kind, string? id, string? reason, string field) =>
        AssignmentDecider.Validate(new AssignDevice(kind, id, reason)).Keys.ShouldBe([field]);

    [Fact]
    public void returning_closes_the_current_assignment_and_keeps_the_history()
    {
        var device = TestDevices.School().AssignedTo("pupil", "P-1", TestDevices.Now.AddDays(-3));

        var outcome = AssignmentDecider.DecideReturn(device, new ReturnDevice("end of year"), TestDevices.It, TestDevices.Now);
        device.Apply((DeviceReturned)outcome.Events.Single());

        device.CurrentAssignment.ShouldBeNull();
        device.Assignments.Single().ReturnedAt.ShouldBe(TestDevices.Now);
        device.AssignmentAt(TestDevices.Now.AddDays(-1))!.AssigneeId.ShouldBe("P-1");
        device.AssignmentAt(TestDevices.Now).ShouldBeNull();
    }

    [Fact]
    public void a_device_nobody_has_cannot_be_returned() =>
        AssignmentDecider.DecideReturn(TestDevices.School(), new ReturnDevice(), TestDevices.It, TestDevices.Now).Accepted.ShouldBeFalse();

    private static Device With(Device device, Action<Device> change) { change(device); return device; }
}

public sealed class PersonAupSignaturesTests
{
    private static readonly Guid Aup = Guid.Parse("0199a1b2-0000-7000-8000-0000000000aa");

    [Theory]
    [InlineData("signed:1", true)]
    [InlineData("signed:1 lapsed:1", false)]
    [InlineData("lapsed:1 signed:1", false)]
    [InlineData("signed:1 lapsed:1 signed:2", true)]
    [InlineData("signed:2 lapsed:1", true)]
    [InlineData("lapsed:2 signed:1", false)]
    [InlineData("signed:2 signed:1", true)]
    [InlineData("", false)]
    public void a_signature_is_current_until_its_version_lapses_whatever_order_the_events_arrive_in(string history, bool current)
    {
        var person = new PersonAupSignatures { Id = "P-1" };
        foreach (var item in history.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (what, version) = (item.Split(':')[0], int.Parse(item.Split(':')[1]));
            if (what == "signed") person.Signed("pupil", Aup, version, TestDevices.Now);
            else person.Lapsed("pupil", Aup, version, "new version published");
        }

        person.HasCurrent("pupil").ShouldBe(current);
    }

    [Fact]
    public void a_signature_counts_only_for_its_own_audience()
    {
        var person = new PersonAupSignatures { Id = "S-1" };
        person.Signed("governor", Aup, 1, TestDevices.Now);

        person.HasCurrent("staff").ShouldBeFalse();
        person.HasCurrent("governor").ShouldBeTrue();
    }
}
