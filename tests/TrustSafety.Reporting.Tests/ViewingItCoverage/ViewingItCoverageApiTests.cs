using TrustSafety.Contracts.DeviceRegister;
using static TrustSafety.Reporting.Tests.Fixtures.ReportingGivens;

namespace TrustSafety.Reporting.Tests.ViewingItCoverage;

/// <summary>
/// Issue 13: the views read rollups folded as facts arrive. These pin what the rollups must keep right: redeliveries
/// counted once, bounded ranges and pages, a rebuild that gives the same figures while reads go on, the trust's
/// headline totals under suppression, staff allegations for the DSL and headteacher only, and custody by the
/// contract's own values.
/// </summary>
public sealed class ViewingItCoverageApiTests(ReportingFixture fx) : IClassFixture<ReportingFixture>
{
    [Theory]
    [InlineData(CustodySteps.ReturnedToParent, CustodyStates.NotHeld, 0)]
    [InlineData(CustodySteps.Released, CustodyStates.NotHeld, 0)]
    [InlineData(CustodySteps.ReturnedToParent, null, 0)]
    [InlineData(CustodySteps.Released, null, 0)]
    [InlineData(CustodySteps.HandedToPolice, CustodyStates.WithPolice, 1)]
    public async Task a_device_is_in_custody_until_device_registers_own_step_ends_the_chain(string lastStep, string? state, int held)
    {
        var device = Guid.CreateVersion7();
        var t = DateTimeOffset.UtcNow.AddDays(-3);
        await fx.Publish(new DeviceRegistered(device, Caldecote, t, "phone", null, "pupil-personal"));
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(1), CustodySteps.HandedIn, null, CustodyStates.HandedIn));
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(2), lastStep, null, state));

        await Eventually.True(() => StepsSeen(device), TimeSpan.FromSeconds(30), "the device's custody steps taken in");
        var coverage = await fx.GetJson("it.admin", "/it/coverage");
        InCustody(coverage).ShouldBe(held, $"after {lastStep} ({state ?? "no state"})");
        await ResetDevice(device, t);
    }

    private static int InCustody(JsonNode coverage) => coverage.Find("schools", s => s["urn"].Str() == Caldecote)!["devices"]!["inCustody"].Int();

    private async Task<bool> StepsSeen(Guid device)
    {
        var store = fx.App.Services.GetRequiredService<Marten.IDocumentStore>();
        await using var session = store.QuerySession(Caldecote);
        var state = await session.LoadAsync<Reporting.Devices.DeviceState>(device);
        return state is not null && state.Changes.Count(c => c.Kind == "custody") == 2;
    }

    /// <summary>Retires the device, so the next row of the theory starts with no device held.</summary>
    private async Task ResetDevice(Guid device, DateTimeOffset t)
    {
        await fx.Publish(new DeviceCustodyChanged(device, Caldecote, t.AddHours(5), CustodySteps.Released, null, CustodyStates.NotHeld));
        await Eventually.Returns(() => fx.GetJson("it.admin", "/it/coverage"), c => InCustody(c) == 0, TimeSpan.FromSeconds(30), "the device released");
    }
}
