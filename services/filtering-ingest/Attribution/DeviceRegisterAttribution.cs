using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Canonical;
using TrustSafety.Telemetry;

namespace TrustSafety.FilteringIngest.Attribution;

public sealed record Attributed(string? SchoolUrn, Guid? DeviceId)
{
    public static readonly Attributed Unknown = new(null, null);
}

public interface IAttribution
{
    /// <summary>Which school (and registered device) held this identity at a time; Unknown when nobody knows.</summary>
    Task<Attributed> ResolveAsync(AttributionKey key, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// The school of each record of a trust-wide batch from its identities (MAC, hostname, IP, user — most specific first);
    /// records whose identities name different schools stay Unknown and are logged and counted.
    /// </summary>
    Task<IReadOnlyDictionary<VendorRecord, Attributed>> AttributeAsync(Guid sourceId, IReadOnlyCollection<VendorRecord> records,
        CancellationToken ct);
}

/// <summary>
/// Asks device-register <c>GET /attribution?{ip|hostname|mac|user}=…&amp;at=…&amp;scope=trust</c> (every school of the trust)
/// with this service's client-credentials token and a short timeout; answers are cached per identity and hour (a bounded
/// <see cref="AttributionCache"/>), and any
/// failure (no token, absent service, timeout, refusal, error) means "unknown", which routes the event to the trust-level
/// unattributed view. Once device-register has failed during a batch, the batch's remaining uncached identities are not
/// asked (an unreachable register costs a batch about one timeout, not one per identity).
/// </summary>
public sealed partial class DeviceRegisterAttribution(
    HttpClient http, ServiceTokens tokens, AttributionCache cache, IOptions<IngestOptions> options, ILogger<DeviceRegisterAttribution> logger)
    : IAttribution
{
    private static readonly TimeSpan FailureCacheFor = TimeSpan.FromSeconds(30);
    private static readonly Meter Meter = new(PlatformTelemetry.SourceName);
    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("trustsafety.ingest.attribution_conflicts", "{record}",
        "Trust-wide records left unattributed because their identities named different schools");

    public Task<Attributed> ResolveAsync(AttributionKey key, DateTimeOffset at, CancellationToken ct) => ResolveAsync(key, at, null, ct);

    public async Task<IReadOnlyDictionary<VendorRecord, Attributed>> AttributeAsync(Guid sourceId, IReadOnlyCollection<VendorRecord> records,
        CancellationToken ct)
    {
        var batch = new RegisterFailures();
        var result = await TrustWideRecordAttribution.AttributeAsync(records, (key, at, token) => ResolveAsync(key, at, batch, token), ct);
        if (result.Conflicts.Count > 0)
        {
            Conflicts.Add(result.Conflicts.Count);
            LogConflicts(logger, result.Conflicts.Count, sourceId, result.Conflicts[0].Describe());
        }
        return result.ByRecord;
    }

    private async Task<Attributed> ResolveAsync(AttributionKey key, DateTimeOffset at, RegisterFailures? batch, CancellationToken ct)
    {
        var baseUrl = options.Value.DeviceRegisterUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || string.IsNullOrEmpty(key.Kind) || string.IsNullOrEmpty(key.Value)) return Attributed.Unknown;
        var cacheKey = $"attr:{key.Kind}:{key.Value}:{TrustWideRecordAttribution.HourOf(at)}";
        if (cache.TryGet(cacheKey, out var known) && known is not null) return known;
        if (batch is { Failed: true }) return Attributed.Unknown;

        Attributed answer;
        var cacheFor = options.Value.AttributionCacheFor;
        try
        {
            var token = await tokens.AccessTokenAsync(ct);
            if (token is null)
            {
                batch?.Fail();
                cache.Set(cacheKey, Attributed.Unknown, FailureCacheFor);
                return Attributed.Unknown;
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.Value.DeviceRegisterTimeout);
            var uri = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"),
                $"attribution?{key.Kind}={Uri.EscapeDataString(key.Value)}&at={Uri.EscapeDataString(at.UtcDateTime.ToString("O"))}&scope=trust");
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
                if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    batch?.Fail();
                if (response.StatusCode != HttpStatusCode.NotFound) cacheFor = FailureCacheFor;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            LogLookupFailed(logger, key.Kind, ex.GetType().Name);
            batch?.Fail();
            answer = Attributed.Unknown;
            cacheFor = FailureCacheFor;
        }
        cache.Set(cacheKey, answer, cacheFor);
        return answer;
    }

    /// <summary>Set once device-register could not answer during one batch.</summary>
    private sealed class RegisterFailures
    {
        private volatile bool _failed;
        public bool Failed => _failed;
        public void Fail() => _failed = true;
    }

    /// <summary>device-register's answer: <c>schoolUrn</c> names the school (absent when unknown), <c>device.id</c> the device.</summary>
    private sealed record AttributionResponse(string? SchoolUrn, AttributionDevice? Device, Guid? DeviceId);

    private sealed record AttributionDevice(Guid Id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "device-register lookup by {Kind} failed ({Error}); the event stays unattributed")]
    private static partial void LogLookupFailed(ILogger logger, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} trust-wide record(s) from source {SourceId} had identities naming "
        + "different schools (e.g. {Named}); they stay in the trust-level unattributed view")]
    private static partial void LogConflicts(ILogger logger, int count, Guid sourceId, string named);

    [LoggerMessage(Level = LogLevel.Warning, Message = "device-register refused the service token ({Status}); trust-wide events stay unattributed")]
    private static partial void LogRefused(ILogger logger, int status);
}
