using System.Net;
using System.Net.Http.Headers;
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
/// Asks device-register <c>GET /attribution?ip=…&amp;at=…&amp;scope=trust</c> (every school of the trust) with this service's
/// client-credentials token and a short timeout; answers are cached, and any failure (no token, absent service, timeout,
/// refusal, error) means "unknown", which routes the event to the trust-level unattributed view.
/// </summary>
public sealed partial class DeviceRegisterAttribution(
    HttpClient http, ServiceTokens tokens, IMemoryCache cache, IOptions<IngestOptions> options, ILogger<DeviceRegisterAttribution> logger)
    : IAttribution
{
    private static readonly TimeSpan FailureCacheFor = TimeSpan.FromSeconds(30);

    public async Task<Attributed> ResolveAsync(string? ip, DateTimeOffset at, CancellationToken ct)
    {
        var baseUrl = options.Value.DeviceRegisterUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || ip is null || !IPAddress.TryParse(ip, out _)) return Attributed.Unknown;
        var bucket = at.ToUnixTimeSeconds() / 3600;
        var key = $"attr:{ip}:{bucket}";
        if (cache.TryGetValue(key, out Attributed? known) && known is not null) return known;

        Attributed answer;
        var cacheFor = options.Value.AttributionCacheFor;
        try
        {
            var token = await tokens.AccessTokenAsync(ct);
            if (token is null)
            {
                cache.Set(key, Attributed.Unknown, FailureCacheFor);
                return Attributed.Unknown;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.DeviceRegisterTimeout);
            var uri = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"),
                $"attribution?ip={Uri.EscapeDataString(ip)}&at={Uri.EscapeDataString(at.UtcDateTime.ToString("O"))}&scope=trust");
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<AttributionResponse>(timeout.Token);
                answer = string.IsNullOrWhiteSpace(body?.SchoolUrn)
                    ? Attributed.Unknown
                    : new Attributed(body.SchoolUrn, body.Device?.Id ?? body.DeviceId);
            }
            else
            {
                answer = Attributed.Unknown;
                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    tokens.Invalidate();
                    LogRefused(logger, (int)response.StatusCode);
                }
                if (response.StatusCode != HttpStatusCode.NotFound) cacheFor = FailureCacheFor;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            LogLookupFailed(logger, ip, ex.GetType().Name);
            answer = Attributed.Unknown;
            cacheFor = FailureCacheFor;
        }
        cache.Set(key, answer, cacheFor);
        return answer;
    }

    /// <summary>device-register's answer: <c>schoolUrn</c> names the school (absent when unknown), <c>device.id</c> the device.</summary>
    private sealed record AttributionResponse(string? SchoolUrn, AttributionDevice? Device, Guid? DeviceId);

    private sealed record AttributionDevice(Guid Id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "device-register lookup for {Ip} failed ({Error}); the event stays unattributed")]
    private static partial void LogLookupFailed(ILogger logger, string ip, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "device-register refused the service token ({Status}); trust-wide events stay unattributed")]
    private static partial void LogRefused(ILogger logger, int status);
}
