using CsvHelper;
using TrustSafety.DeviceRegister.Devices;
using TrustSafety.DeviceRegister.RegisteringDevices;

namespace TrustSafety.DeviceRegister.ImportingDevices;

public sealed record CsvDeviceRow(int Row, RegisterDevice Device);
public sealed record RejectedRow(int Row, string Reason);
public sealed record ParsedCsv(IReadOnlyList<CsvDeviceRow> Rows, IReadOnlyList<RejectedRow> Rejected, string? HeaderError,
    IReadOnlyDictionary<string, string> ColumnsUsed);

/// <summary>
/// Reads device exports from Jamf School, Intune, Snipe-IT and spreadsheets by their header names. Row numbers are
/// the file's line numbers (the header is row 1), as a person sees them in a spreadsheet.
/// </summary>
public static class DeviceCsv
{
    public const int MaxRows = 5000;

    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["serialNumber"] = ["serialnumber", "serial", "serialno", "hardwareserial", "serialnum"],
        ["assetTag"] = ["assettag", "asset", "assetnumber", "assetno", "assettagnumber", "tag"],
        ["name"] = ["devicename", "name", "computername", "assetname"],
        ["make"] = ["manufacturer", "make", "brand", "vendor"],
        ["model"] = ["model", "modelname", "product", "productname"],
        ["operatingSystem"] = ["os", "operatingsystem", "osname", "platform"],
        ["osVersion"] = ["osversion", "operatingsystemversion"],
        ["mdmId"] = ["manageddeviceid", "deviceid", "udid", "mdmid", "intunedeviceid"],
        ["kind"] = ["kind", "devicetype", "type", "category", "devicecategory", "assettype"],
    };

    public static ParsedCsv Parse(string text)
    {
        var rows = new List<CsvDeviceRow>();
        var rejected = new List<RejectedRow>();
        var options = new CsvReaderOptions
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            OnMalformedRecord = r => rejected.Add(new RejectedRow((int)r.LineNumber, Describe(r.Reason))),
        };
        using var csv = CsvReader.FromText(text, options);
        csv.ReadHeader();
        var headers = csv.Headers;
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var normalised = Normalise(headers[i]);
            foreach (var (field, names) in Aliases)
                if (!columns.ContainsKey(field) && names.Contains(normalised)) { columns[field] = i; used[field] = headers[i]; }
        }
        if (!columns.ContainsKey("serialNumber") && !columns.ContainsKey("assetTag"))
            return new ParsedCsv([], [], "The file needs a serial number or asset tag column, e.g. 'Serial Number', 'SerialNumber', " +
                "'Serial' or 'Asset Tag' in the first row. Found: " + string.Join(", ", headers.Select(h => $"'{h}'")) + ".", used);

        var count = 0;
        while (csv.Read())
        {
            if (++count > MaxRows) return new ParsedCsv([], [], $"The file has more than {MaxRows} rows; split it into smaller files.", used);
            var line = (int)csv.LineNumber;
            string? Get(string field) => columns.TryGetValue(field, out var i) && i < csv.FieldCount
                ? csv.GetString(i) is { Length: > 0 } v ? v.Trim() : null
                : null;

            var os = Get("operatingSystem");
            if (Get("osVersion") is { } version) os = os is null ? version : $"{os} {version}";
            var kindText = Get("kind");
            var kind = KindFrom(kindText) ?? (kindText is null ? KindFrom($"{Get("model")} {os} {Get("make")} {Get("name")}") ?? "other" : null);
            if (kind is null)
            {
                rejected.Add(new RejectedRow(line, $"Unknown device kind '{kindText}': use one of {string.Join(", ", DeviceKinds.All)}."));
                continue;
            }
            rows.Add(new CsvDeviceRow(line, new RegisterDevice(kind, Get("make"), Get("model"), Get("serialNumber"), Get("assetTag"),
                Get("mdmId"), os, Get("name"))));
        }
        return new ParsedCsv(rows, rejected.OrderBy(r => r.Row).ToList(), null, used);
    }

    public static string? KindFrom(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = text.ToLowerInvariant();
        if (DeviceKinds.All.Contains(t.Trim())) return t.Trim();
        if (t.Contains("ipad")) return "ipad";
        if (t.Contains("chromebook") || t.Contains("chromeos") || t.Contains("chrome os")) return "chromebook";
        if (t.Contains("iphone") || t.Contains("phone") || t.Contains("android")) return "phone";
        if (t.Contains("tablet") || t.Contains("surface go")) return "tablet";
        if (t.Contains("laptop") || t.Contains("macbook") || t.Contains("notebook") || t.Contains("thinkpad")) return "laptop";
        if (t.Contains("desktop") || t.Contains("imac") || t.Contains("optiplex") || t.Contains("workstation")) return "desktop";
        if (t.Contains("camera")) return "camera";
        return null;
    }

    private static string Normalise(string header) => new(header.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "The row has a different number of columns from the header; check for a stray comma.",
        CsvMalformedReason.UnterminatedQuote => "A quoted value is never closed; add the closing quote.",
        _ => $"The row's quoting is malformed ({reason}); quote values that contain commas or quotes.",
    };
}
