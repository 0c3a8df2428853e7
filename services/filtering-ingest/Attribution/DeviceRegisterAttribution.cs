using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.Attribution;

public sealed record Attributed(string? SchoolUrn, Guid? DeviceId)
{
    public static readonly Attributed Unknown = new(null, null);
}

public interface IAttribution
{
    /// <summary>Which school (and registered device) an address belonged to at a time; Unknown when nobody knows.</summary>
    Task<Attributed> ResolveAsync(string? ip, DateTimeOffset at, CancellationToken ct);
}

/// <summary>
/// Asks device-register <c>GET /attribution?ip=…&amp;at=…</c> with a short timeout; answers are cached, and any failure
/// (absent service, timeout, error) means "unknown", which routes the event to the trust-level unattributed view.
/// </summary>
public sealed partial class DeviceRegisterAttribution(
    HttpClient http, IMemoryCache cache, IOptions<IngestOptions> options, ILogger<DeviceRegisterAttribution> logger) : IAttribution
{
    public async Task<Attributed> ResolveAsync(string? ip, DateTimeOffset at, CancellationToken ct)
    {
        var baseUrl = options.Value.DeviceRegisterUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || ip is null || !System.Net.IPAddress.TryParse(ip, out _)) return Attributed.Unknown;
        var bucket = at.ToUnixTimeSeconds() / 3600;
        var key = $"attr:{ip}:{bucket}";
        if (cache.TryGetValue(key, out Attributed? known) && known is not null) return known;

        Attributed answer;
        var cacheFor = options.Value.AttributionCacheFor;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.DeviceRegisterTimeout);
            var uri = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"),
                $"attribution?ip={Uri.EscapeDataString(ip)}&at={Uri.EscapeDataString(at.UtcDateTime.ToString("O"))}");
            using var response = await http.GetAsync(uri, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<AttributionResponse>(timeout.Token);
                answer = new Attributed(string.IsNullOrWhiteSpace(body?.SchoolUrn) ? null : body.SchoolUrn, body?.DeviceId);
            }
            else
            {
                answer = Attributed.Unknown;
                if ((int)response.StatusCode != 404) cacheFor = TimeSpan.FromSeconds(30);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            LogLookupFailed(logger, ip, ex.GetType().Name);
            answer = Attributed.Unknown;
            cacheFor = TimeSpan.FromSeconds(30);
        }
        cache.Set(key, answer, cacheFor);
        return answer;
    }

    private sealed record AttributionResponse(string? SchoolUrn, Guid? DeviceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "device-register lookup for {Ip} failed ({Error}); the event stays unattributed")]
    private static partial void LogLookupFailed(ILogger logger, string ip, string error);
}
