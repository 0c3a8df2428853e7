using CustodyStates = TrustSafety.Contracts.DeviceRegister.CustodyStates;
using TrustSafety.DeviceRegister.AupSignatures;
using TrustSafety.DeviceRegister.Coverage;
using TrustSafety.DeviceRegister.Custody;
using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests.Coverage;

public sealed class CoverageCalculatorTests
{
    [Fact]
    public void coverage_lists_unassigned_devices_lapsed_or_overridden_aups_unseen_devices_and_custody_counts()
    {
        var now = TestDevices.Now;
        var unassigned = TestDevices.School();
        var signed = TestDevices.School().AssignedTo("pupil", "P-SIGNED", now.AddDays(-5));
        var lapsed = TestDevices.School().AssignedTo("pupil", "P-LAPSED", now.AddDays(-5));
        var overridden = TestDevices.School();
        overridden.Apply(new DeviceAssigned(overridden.Id, "staff", "S-NEW", false, "Paper AUP signed at induction", TestDevices.ItRecorded, now));
        var classroom = TestDevices.School().AssignedTo("room", "R-4", now.AddDays(-5));
        var quarantined = TestDevices.School();
        quarantined.CustodyState = CustodyStates.Quarantined;
        var aup = Guid.NewGuid();
        var people = new Dictionary<string, PersonAupSignatures>
        {
            ["P-SIGNED"] = Person("P-SIGNED", aup, lapsedToo: false),
            ["P-LAPSED"] = Person("P-LAPSED", aup, lapsedToo: true),
        };
        var seen = new Dictionary<Guid, DateTimeOffset> { [signed.Id] = now.AddDays(-1), [lapsed.Id] = now.AddDays(-40) };

        var report = CoverageCalculator.Calculate([unassigned, signed, lapsed, overridden, classroom, quarantined], people, seen, now, 30);

        report.Unassigned.Select(d => d.Id).ShouldBe([unassigned.Id, quarantined.Id], ignoreOrder: true);
        report.AssignedWithoutCurrentAup.Select(g => (g.Device.Id, g.Overridden)).ShouldBe([(lapsed.Id, false), (overridden.Id, true)],
            ignoreOrder: true);
        report.AssignedWithoutCurrentAup.Single(g => g.Overridden).OverrideReason.ShouldBe("Paper AUP signed at induction");
        report.Totals.AssignedWithoutCurrentAup.ShouldBe(2);
        report.Totals.AupOverrides.ShouldBe(1);
        report.NotSeen.Select(d => d.Device.Id).ShouldNotContain(signed.Id);
        report.NotSeen.Single(d => d.Device.Id == lapsed.Id).LastSeenAt.ShouldBe(now.AddDays(-40));
        report.Totals.NotSeen.ShouldBe(5);
        report.CustodyByState[CustodyStates.Quarantined].ShouldBe(1);
    }

    private static PersonAupSignatures Person(string id, Guid aup, bool lapsedToo)
    {
        var person = new PersonAupSignatures { Id = id };
        person.Signed("pupil", aup, 1, TestDevices.Now.AddDays(-10));
        if (lapsedToo) person.Lapsed("pupil", aup, 1, "annual renewal due");
        return person;
    }
}
