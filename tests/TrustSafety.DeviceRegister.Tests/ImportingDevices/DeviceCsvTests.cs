using TrustSafety.DeviceRegister.ImportingDevices;

namespace TrustSafety.DeviceRegister.Tests.ImportingDevices;

public sealed class DeviceCsvTests
{
    [Fact]
    public void an_intune_export_is_read_by_its_header_names()
    {
        const string csv = """
            Device name,Managed by,Ownership,Compliance,OS,OS version,Last check-in,Primary user UPN,Device ID,Serial number,Manufacturer,Model
            BH-LAP-0042,Intune,Corporate,Compliant,Windows,10.0.22631,2026-11-20,,6f1c2d3e-aaaa-bbbb-cccc-000000000042,5CG1234XYZ,HP,ProBook 450 G9 Laptop
            """;

        var device = DeviceCsv.Parse(csv).Rows.ShouldHaveSingleItem().Device;

        device.Name.ShouldBe("BH-LAP-0042");
        device.SerialNumber.ShouldBe("5CG1234XYZ");
        device.MdmId.ShouldBe("6f1c2d3e-aaaa-bbbb-cccc-000000000042");
        device.Make.ShouldBe("HP");
        device.OperatingSystem.ShouldBe("Windows 10.0.22631");
        device.Kind.ShouldBe("laptop");
    }

    [Fact]
    public void a_jamf_school_export_is_read_by_its_header_names()
    {
        const string csv = """
            Name,Serial Number,Model,OS,Asset Tag,UDID
            Class 4 iPad 07,DMPXK1ABCD12,iPad (9th generation),iPadOS 17.5,BH-IPAD-007,00008030-001A
            """;

        var device = DeviceCsv.Parse(csv).Rows.ShouldHaveSingleItem().Device;

        (device.Kind, device.SerialNumber, device.AssetTag, device.MdmId).ShouldBe(("ipad", "DMPXK1ABCD12", "BH-IPAD-007", "00008030-001A"));
    }

    [Fact]
    public void a_snipe_it_export_uses_its_category_as_the_kind()
    {
        const string csv = """
            Asset Tag,Asset Name,Serial,Model,Manufacturer,Category,Status
            BH-CB-0101,Chromebook 101,NXHKJEK00112,Chromebook 314,Acer,Chromebooks,Ready to Deploy
            """;

        var device = DeviceCsv.Parse(csv).Rows.ShouldHaveSingleItem().Device;

        (device.Kind, device.AssetTag, device.SerialNumber, device.Name).ShouldBe(("chromebook", "BH-CB-0101", "NXHKJEK00112", "Chromebook 101"));
    }

    [Fact]
    public void every_bad_row_is_rejected_with_its_line_number_and_reason_and_the_rest_are_read()
    {
        const string csv = "Serial Number,Asset Tag,Category,Model\n" +
                           "SN-1,BH-1,Laptops,Latitude\n" +
                           "SN-2,BH-2,Laptops,Latitude,extra\n" +
                           "SN-3,BH-3,Interactive whiteboard,Promethean\n" +
                           "SN-4,BH-4,Tablets,Galaxy Tab\n";

        var parsed = DeviceCsv.Parse(csv);

        parsed.Rows.Select(r => (r.Row, r.Device.SerialNumber)).ShouldBe([(2, "SN-1"), (5, "SN-4")]);
        parsed.Rejected.Select(r => r.Row).ShouldBe([3, 4]);
        parsed.Rejected[0].Reason.ShouldContain("number of columns");
        parsed.Rejected[1].Reason.ShouldContain("Unknown device kind 'Interactive whiteboard'");
    }

    [Fact]
    public void a_file_without_a_serial_or_asset_tag_column_is_refused_as_a_whole()
    {
        var parsed = DeviceCsv.Parse("Colour,Room\nblue,4\n");

        parsed.HeaderError.ShouldNotBeNull().ShouldContain("Serial Number");
        parsed.Rows.ShouldBeEmpty();
    }

    [Fact]
    public void a_file_over_the_row_limit_is_refused_as_a_whole()
    {
        var csv = "Serial\n" + string.Concat(Enumerable.Range(0, DeviceCsv.MaxRows + 1).Select(i => $"SN{i}\n"));

        DeviceCsv.Parse(csv).HeaderError.ShouldNotBeNull().ShouldContain("more than 5000 rows");
    }

    [Fact]
    public void duplicates_within_the_file_and_with_the_register_and_rows_without_keys_are_rejected_by_row()
    {
        var rows = DeviceCsv.Parse("Serial,Asset Tag,Type\nA1,T1,laptop\nA1,T9,laptop\nB2,TAKEN,laptop\n,,laptop\nC3,,ipad\n").Rows;

        var plan = ImportDecision.Decide(rows, new HashSet<string> { "tag:TAKEN" }, TestDevices.It, TestDevices.Now);

        plan.Registered.Select(d => d.SerialNumber).ShouldBe(["A1", "C3"]);
        plan.Rejected.Select(r => r.Row).ShouldBe([3, 4, 5]);
        plan.Rejected[0].Reason.ShouldContain("also on row 2");
        plan.Rejected[1].Reason.ShouldContain("already registered");
        plan.Rejected[2].Reason.ShouldContain("serial number or the asset tag");
    }
}
