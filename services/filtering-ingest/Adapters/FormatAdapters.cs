namespace TrustSafety.FilteringIngest.Adapters;

/// <summary>Every format a source can be registered with.</summary>
public sealed class FormatAdapters
{
    private readonly Dictionary<string, IFormatAdapter> _byFormat;

    public FormatAdapters() : this([
        new CanonicalJsonAdapter(), new FortiGateKeyValueAdapter(), new CefAdapter(), new SquidAccessLogAdapter(),
        new UmbrellaDnsCsvAdapter(), new SmoothwallWebFilterCsvAdapter(), new SmoothwallSafeguardingCsvAdapter(),
        new LightspeedActivityCsvAdapter(), new GoogleAlertCenterAdapter(), new GraphSecurityAlertsAdapter(),
        new PaloAltoSyslogAdapter(), new SophosFirewallKeyValueAdapter(), new SensoCapturesCsvAdapter(),
        new SecurlyActivityCsvAdapter(), new NetsweeperCsvAdapter(), new ImperoCapturesCsvAdapter(), new LinewizeCsvAdapter(),
    ]) { }

    public FormatAdapters(IEnumerable<IFormatAdapter> adapters) =>
        _byFormat = adapters.ToDictionary(a => a.Format, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Formats => _byFormat.Keys;
    public IReadOnlyCollection<IFormatAdapter> All => _byFormat.Values;
    public IFormatAdapter? For(string format) => _byFormat.GetValueOrDefault(format);

    public static readonly IReadOnlySet<string> SyslogFormats = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        { FortiGateKeyValueAdapter.FormatName, CefAdapter.FormatName, PaloAltoSyslogAdapter.FormatName, SophosFirewallKeyValueAdapter.FormatName };

    public static readonly IReadOnlySet<string> CsvFormats = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        UmbrellaDnsCsvAdapter.FormatName, SmoothwallWebFilterCsvAdapter.FormatName, SmoothwallSafeguardingCsvAdapter.FormatName,
        LightspeedActivityCsvAdapter.FormatName, SensoCapturesCsvAdapter.FormatName, SecurlyActivityCsvAdapter.FormatName,
        NetsweeperCsvAdapter.FormatName, ImperoCapturesCsvAdapter.FormatName, LinewizeCsvAdapter.FormatName,
    };
}
