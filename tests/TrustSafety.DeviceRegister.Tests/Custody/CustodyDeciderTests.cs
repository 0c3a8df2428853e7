using CustodySteps = TrustSafety.Contracts.DeviceRegister.CustodySteps;
using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests.Custody;

public sealed class CustodyDeciderTests
{
    // The custody chain as the safeguarding policy reads, written out independently of the decider's rule table.
    private static readonly Dictionary<(string Ownership, string State), string[]> Allowed = new()
    {
        [(Ownerships.School, CustodyStates.NotHeld)] = [CustodySteps.Quarantined],
        [(Ownerships.School, CustodyStates.Quarantined)] = [CustodySteps.Examined, CustodySteps.HandedToPolice, CustodySteps.Released],
        [(Ownerships.School, CustodyStates.Examined)] = [CustodySteps.Quarantined, CustodySteps.HandedToPolice, CustodySteps.Released],
        [(Ownerships.School, CustodyStates.WithPolice)] = [CustodySteps.ReturnedByPolice],
        [(Ownerships.School, CustodyStates.ReturnedByPolice)] = [CustodySteps.Quarantined, CustodySteps.Released],
        [(Ownerships.PupilPersonal, CustodyStates.NotHeld)] = [CustodySteps.HandedIn, CustodySteps.Quarantined],
        [(Ownerships.PupilPersonal, CustodyStates.HandedIn)] =
            [CustodySteps.Stored, CustodySteps.Quarantined, CustodySteps.Examined, CustodySteps.ReturnedToParent],
        [(Ownerships.PupilPersonal, CustodyStates.Stored)] = [CustodySteps.Quarantined, CustodySteps.Examined, CustodySteps.ReturnedToParent],
        [(Ownerships.PupilPersonal, CustodyStates.Quarantined)] =
            [CustodySteps.Examined, CustodySteps.HandedToPolice, CustodySteps.ReturnedToParent],
        [(Ownerships.PupilPersonal, CustodyStates.Examined)] =
            [CustodySteps.Quarantined, CustodySteps.HandedToPolice, CustodySteps.ReturnedToParent],
        [(Ownerships.PupilPersonal, CustodyStates.WithPolice)] = [CustodySteps.ReturnedByPolice],
        [(Ownerships.PupilPersonal, CustodyStates.ReturnedByPolice)] = [CustodySteps.Quarantined, CustodySteps.ReturnedToParent],
    };

    private static readonly Dictionary<string, string> Results = new()
    {
        [CustodySteps.HandedIn] = CustodyStates.HandedIn, [CustodySteps.Stored] = CustodyStates.Stored,
        [CustodySteps.Quarantined] = CustodyStates.Quarantined, [CustodySteps.Examined] = CustodyStates.Examined,
        [CustodySteps.HandedToPolice] = CustodyStates.WithPolice, [CustodySteps.ReturnedByPolice] = CustodyStates.ReturnedByPolice,
        [CustodySteps.ReturnedToParent] = CustodyStates.NotHeld, [CustodySteps.Released] = CustodyStates.NotHeld,
    };

    public static TheoryData<string, string, string, bool> EveryStepFromEveryState()
    {
        var data = new TheoryData<string, string, string, bool>();
        foreach (var ((ownership, state), allowed) in Allowed)
            foreach (var step in CustodySteps.All)
                data.Add(ownership, state, step, allowed.Contains(step));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStepFromEveryState))]
    public void a_custody_step_is_allowed_only_where_the_chain_permits_it(string ownership, string state, string step, bool allowed)
    {
        var device = ownership == Ownerships.School ? TestDevices.School() : TestDevices.PersonalPhone();
        device.CustodyState = state;
        device.PoliceReference = state == CustodyStates.WithPolice ? "WMP-20261123-0042" : null;

        var outcome = CustodyDecider.Decide(device, CompleteCommand(step), TestDevices.It, TestDevices.Now);

        outcome.Accepted.ShouldBe(allowed, outcome.Rejection?.Detail);
        if (allowed)
        {
            var recorded = outcome.Events.ShouldHaveSingleItem().ShouldBeOfType<CustodyStepRecorded>();
            recorded.FromState.ShouldBe(state);
            recorded.ToState.ShouldBe(Results[step]);
            recorded.By.ShouldBe(TestDevices.ItRecorded);
            recorded.At.ShouldBe(TestDevices.Now);
            recorded.Location.ShouldBe("DSL office safe");
        }
        else
        {
            outcome.Events.ShouldBeEmpty();
            outcome.Rejection!.Detail.ShouldNotBeNullOrWhiteSpace();
        }
    }

    [Theory]
    [InlineData(CustodySteps.ReturnedToParent)]
    [InlineData(CustodySteps.Examined)]
    [InlineData(CustodySteps.Stored)]
    public void nothing_happens_to_a_phone_while_the_police_hold_it_and_the_refusal_says_why(string step)
    {
        var phone = TestDevices.PersonalPhone();
        phone.CustodyState = CustodyStates.WithPolice;
        phone.PoliceReference = "WMP-20261123-0042";

        var rejection = CustodyDecider.Decide(phone, CompleteCommand(step), TestDevices.It, TestDevices.Now).Rejection.ShouldNotBeNull();

        rejection.Detail.ShouldContain("held by the police (reference WMP-20261123-0042)");
        rejection.Detail.ShouldContain(CustodySteps.ReturnedByPolice);
    }

    [Fact]
    public void a_school_device_is_released_not_returned_to_a_parent()
    {
        var device = TestDevices.School();
        device.CustodyState = CustodyStates.Quarantined;

        var rejection = CustodyDecider.Decide(device, CompleteCommand(CustodySteps.ReturnedToParent), TestDevices.It, TestDevices.Now)
            .Rejection.ShouldNotBeNull();

        rejection.Detail.ShouldContain("released");
    }

    [Fact]
    public void a_retired_device_cannot_enter_custody()
    {
        var device = TestDevices.School();
        device.Apply(new DeviceRetired(device.Id, "end of life", TestDevices.ItRecorded, TestDevices.Now));

        CustodyDecider.Decide(device, CompleteCommand(CustodySteps.Quarantined), TestDevices.It, TestDevices.Now).Accepted.ShouldBeFalse();
    }

    [Theory]
    [InlineData(CustodySteps.Quarantined, "sealNumber", null)]
    [InlineData(CustodySteps.Quarantined, "powerState", "shut-down")]
    [InlineData(CustodySteps.Quarantined, "powerState", "")]
    [InlineData(CustodySteps.Examined, "authorisedBy", null)]
    [InlineData(CustodySteps.Examined, "actionsTaken", null)]
    [InlineData(CustodySteps.HandedToPolice, "policeReference", null)]
    [InlineData(CustodySteps.HandedToPolice, "receivedBy", null)]
    [InlineData(CustodySteps.ReturnedToParent, "receivedBy", null)]
    [InlineData(CustodySteps.Released, "reason", null)]
    [InlineData(CustodySteps.Stored, "location", null)]
    public void a_step_without_what_it_must_record_names_the_missing_field(string step, string field, string? value)
    {
        var command = Blank(CompleteCommand(step), field, value);

        CustodyDecider.Validate(command).Keys.ShouldContain(field);
    }

    [Fact]
    public void an_unknown_step_lists_the_steps_there_are()
    {
        CustodyDecider.Validate(new RecordCustodyStep("confiscated", "office"))["step"].Single().ShouldContain("handed-to-police");
    }

    [Theory]
    [MemberData(nameof(EverySchoolStep))]
    public void a_complete_command_for_every_step_passes_validation(string step) =>
        CustodyDecider.Validate(CompleteCommand(step)).ShouldBeEmpty();

    public static TheoryData<string> EverySchoolStep() => new(CustodySteps.All);

    [Fact]
    public void a_sealed_phone_handed_to_police_and_back_is_returned_to_the_parent_with_every_step_in_the_chain()
    {
        var phone = TestDevices.PersonalPhone();
        string[] chain = [CustodySteps.HandedIn, CustodySteps.Stored, CustodySteps.Quarantined, CustodySteps.HandedToPolice,
            CustodySteps.ReturnedByPolice, CustodySteps.ReturnedToParent];
        foreach (var step in chain)
        {
            var outcome = CustodyDecider.Decide(phone, CompleteCommand(step), TestDevices.It, TestDevices.Now);
            outcome.Accepted.ShouldBeTrue(outcome.Rejection?.Detail);
            phone.Apply((CustodyStepRecorded)outcome.Events.Single());
        }

        phone.Custody.Select(s => s.Step).ShouldBe(chain);
        phone.CustodyState.ShouldBe(CustodyStates.NotHeld);
        phone.PoliceReference.ShouldBe("WMP-20261123-0042");
    }

    private static RecordCustodyStep CompleteCommand(string step) => new(step, "DSL office safe", Guid.Parse("0199a1b2-0000-7000-8000-000000000001"),
        SealNumber: "EVB-0091", PowerState: PowerStates.LeftOn, AuthorisedBy: "headteacher", ActionsTaken: "viewed messages with the DSL present",
        PoliceReference: "WMP-20261123-0042", ReceivedBy: "PC 4411", Reason: "no offence found");

    private static RecordCustodyStep Blank(RecordCustodyStep c, string field, string? value) => field switch
    {
        "sealNumber" => c with { SealNumber = value }, "powerState" => c with { PowerState = value },
        "authorisedBy" => c with { AuthorisedBy = value }, "actionsTaken" => c with { ActionsTaken = value },
        "policeReference" => c with { PoliceReference = value }, "receivedBy" => c with { ReceivedBy = value },
        "reason" => c with { Reason = value }, "location" => c with { Location = value },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
