using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.RetiringDevices;
using TrustSafety.EventSourcing;

namespace TrustSafety.DeviceRegister.Tests.RetiringDevices;

/// <summary>Regression (issue 20): a missing field was answered 409 like a state conflict; it is a 400 naming the field.</summary>
public sealed class RetirementDeciderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void retiring_without_a_reason_is_a_400_naming_reason(string? reason)
    {
        var decision = RetirementDecider.DecideRetire(TestDevices.School(), new RetireDevice(reason), TestDevices.It, TestDevices.Now);

        var invalid = decision.Rejection.ShouldBeOfType<InvalidInput>();
        invalid.Status.ShouldBe(400);
        invalid.Errors.Keys.ShouldBe(["reason"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("borrowed")]
    public void reporting_missing_without_lost_or_stolen_is_a_400_naming_kind(string? kind)
    {
        var decision = RetirementDecider.DecideMissing(TestDevices.School(), new ReportDeviceMissing(kind), TestDevices.It, TestDevices.Now);

        decision.Rejection.ShouldBeOfType<InvalidInput>().Errors.Keys.ShouldBe(["kind"]);
    }

    [Fact]
    public void retiring_an_assigned_device_is_still_a_409()
    {
        var device = TestDevices.School().AssignedTo("staff", "S-1", TestDevices.Now.AddDays(-1));

        var decision = RetirementDecider.DecideRetire(device, new RetireDevice("broken screen"), TestDevices.It, TestDevices.Now);

        decision.Rejection.ShouldBeOfType<NotAllowedNow>().Status.ShouldBe(409);
    }
}
