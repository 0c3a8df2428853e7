using TrustSafety.DeviceRegister.Devices;
using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.Tests;

public static class TestDevices
{
    public static readonly Actor It = new("it-1", "IT Technician", ["it-admin"]);
    /// <summary>What a device event stores of <see cref="It"/>.</summary>
    public static readonly RecordedBy ItRecorded = RecordedBy.Of(It);
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 5, 0, TimeSpan.Zero);

    public static Device School(string kind = "laptop") => Device.Create(new DeviceRegistered(Guid.NewGuid(), kind, Ownerships.School,
        "Dell", "Latitude 3140", "SN1", "BH-0001", null, "Windows 11", "BH-LAP-01", null, ItRecorded, Now.AddDays(-30)));

    public static Device PersonalPhone() => Device.Create(new DeviceRegistered(Guid.NewGuid(), "phone", Ownerships.PupilPersonal,
        null, "black iPhone", null, null, null, null, null, "P-123", ItRecorded, Now.AddDays(-1)));

    public static Device AssignedTo(this Device device, string kind, string id, DateTimeOffset at)
    {
        device.Apply(new DeviceAssigned(device.Id, kind, id, true, null, ItRecorded, at));
        return device;
    }
}
