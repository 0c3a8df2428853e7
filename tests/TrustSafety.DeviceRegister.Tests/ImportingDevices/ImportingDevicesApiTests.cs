using System.Text;

namespace TrustSafety.DeviceRegister.Tests.ImportingDevices;

[Collection(DeviceRegisterCollection.Name)]
public sealed class ImportingDevicesApiTests(DeviceRegisterFixture fixture)
{
    [Fact]
    public async Task a_csv_export_imports_its_good_rows_and_reports_every_bad_row_by_number()
    {
        var it = await fixture.ClientFor("it.blakehill");
        var (a, b, c) = (Unique("SN"), Unique("SN"), Unique("SN"));
        var csv = $"""
            Serial Number,Asset Tag,Device name,Model,Operating System,Managed device ID
            {a},{Unique("BH")},BH-IPAD-01,iPad (9th generation),iPadOS 17,mdm-1
            ,,nameless,iPad,iPadOS 17,mdm-2
            {b},{Unique("BH")},BH-CB-01,Chromebook 314,ChromeOS,mdm-3,surplus
            {a},{Unique("BH")},BH-IPAD-01-again,iPad,iPadOS 17,mdm-4
            {c},{Unique("BH")},BH-LAP-01,Latitude 3140 Laptop,Windows 11,mdm-5
            """;

        var response = await it.PostAsync("/devices/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<ImportResult>())!;
        result.Imported.ShouldBe(2);
        result.Rejected.Select(r => r.Row).ShouldBe([3, 4, 5]);
        result.Rejected[0].Reason.ShouldContain("serial number or the asset tag");
        result.Rejected[1].Reason.ShouldContain("number of columns");
        result.Rejected[2].Reason.ShouldContain("also on row 2");
        var devices = await it.GetFromJsonAsync<List<JsonElement>>("/devices?kind=ipad");
        devices!.ShouldContain(d => d.GetProperty("serialNumber").GetString() == a);

        var again = await (await it.PostAsync("/devices/import", new StringContent(csv, Encoding.UTF8, "text/csv")))
            .Content.ReadFromJsonAsync<ImportResult>();
        again!.Imported.ShouldBe(0);
        again.Rejected.Count(r => r.Reason.Contains("already registered")).ShouldBe(3);
    }

    [Fact]
    public async Task a_file_without_a_serial_column_is_refused_and_imports_nothing()
    {
        var it = await fixture.ClientFor("it.blakehill");

        var response = await it.PostAsync("/devices/import", new StringContent("Colour,Room\nblue,4\n", Encoding.UTF8, "text/csv"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("serial number or asset tag column");
    }
}
