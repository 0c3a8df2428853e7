using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.SubjectAccess;

namespace TrustSafety.DataProtection.Tests;

public sealed class DeviceSubjectAccessTests
{
    private static Device SharedPhone() => new()
    {
        Id = Guid.NewGuid(), Kind = "phone", Ownership = Ownerships.PupilPersonal, OwnerPupilId = "P-1", CustodyState = "held",
        Assignments =
        [
            new Assignment { AssigneeKind = AssigneeKinds.Pupil, AssigneeId = "P-1", AssignedAt = DateTimeOffset.UnixEpoch },
            new Assignment { AssigneeKind = AssigneeKinds.Pupil, AssigneeId = "P-2", AssignedAt = DateTimeOffset.UnixEpoch.AddDays(1) },
        ],
        Custody = [new CustodyStep { Step = "seized", ByName = "DSL", At = DateTimeOffset.UnixEpoch }],
    };

    [Fact]
    public void the_owner_sees_their_phones_custody_and_only_their_own_assignments()
    {
        var record = PupilSubjectAccess.RecordOf(SharedPhone(), "P-1");
        record.OwnedByPupil.ShouldBeTrue();
        record.Assignments.ShouldHaveSingleItem().AssigneeId.ShouldBe("P-1");
        record.Custody.ShouldHaveSingleItem().Step.ShouldBe("seized");
    }

    [Fact]
    public void another_pupil_who_borrowed_the_device_sees_neither_the_owners_assignment_nor_the_custody_chain()
    {
        var record = PupilSubjectAccess.RecordOf(SharedPhone(), "P-2");
        record.OwnedByPupil.ShouldBeFalse();
        record.Assignments.ShouldHaveSingleItem().AssigneeId.ShouldBe("P-2");
        record.Custody.ShouldBeEmpty();
        record.CustodyState.ShouldBe("not-shown");
    }
}
