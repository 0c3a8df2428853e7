using TrustSafety.DeviceRegister.Devices;

namespace TrustSafety.DeviceRegister.Tests;

public static class TestDevices
{
    public static readonly Actor It = new("it-1", "IT Technician");
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 14, 5, 0, TimeSpan.Zero);

    public static Device School(string kind = "laptop") => Device.Create(new DeviceRegistered(Guid.NewGuid(), kind, Ownerships.School,
        "Dell", "Latitude 3140", "SN1", "BH-0001", null, "Windows 11", "BH-LAP-01", null, It, Now.AddDays(-30)));

    public static Device PersonalPhone() => Device.Create(new DeviceRegistered(Guid.NewGuid(), "phone", Ownerships.PupilPersonal,
        null, "black iPhone", null, null, null, null, null, "P-123", It, Now.AddDays(-1)));

    public static Device AssignedTo(this Device device, string kind, string id, DateTimeOffset at)
    {
        device.Apply(new DeviceAssigned(device.Id, kind, id, true, null, It, at));
        return device;
    }
}
