using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.Attribution;

/// <summary>
/// A client-credentials access token for calling other services, fetched once and reused until a minute before it
/// expires (one request at a time, however many lookups wait). Null when identity cannot be reached or refuses.
/// </summary>
public sealed partial class ServiceTokens(IHttpClientFactory httpClients, IOptions<ServiceClientOptions> options, TimeProvider clock,
    ILogger<ServiceTokens> logger) : IDisposable
{
    public const string HttpClientName = "identity-token-endpoint";
    private static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _fetching = new(1, 1);
    private volatile CachedToken? _token;
    private DateTimeOffset _failedUntil = DateTimeOffset.MinValue;

    public void Dispose() => _fetching.Dispose();

    public async Task<string?> AccessTokenAsync(CancellationToken ct)
    {
        if (_token is { } fresh && fresh.UsableUntil > clock.GetUtcNow()) return fresh.Value;
        await _fetching.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow();
            if (_token is { } fetched && fetched.UsableUntil > now) return fetched.Value;
            if (now < _failedUntil) return null;
            _token = await FetchAsync(ct);
            if (_token is null) _failedUntil = now + RetryAfterFailure;
            return _token?.Value;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forget the token (the callee refused it: keys rotated or the client was reconfigured).</summary>
    public void Invalidate() => _token = null;

    private async Task<CachedToken?> FetchAsync(CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(o.TokenTimeout);
            using var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.PostAsync(o.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = o.ClientId,
                ["client_secret"] = o.ClientSecret,
                ["scope"] = "api",
            }), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, o.ClientId, (int)response.StatusCode);
                return null;
            }
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>(timeout.Token);
            if (string.IsNullOrEmpty(body?.AccessToken)) return null;
            return new CachedToken(body.AccessToken, clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(body.ExpiresIn, 0)) - RefreshBefore);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException
                                   && !ct.IsCancellationRequested)
        {
            LogUnreachable(logger, o.TokenEndpoint ?? "", ex.GetType().Name);
            return null;
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset UsableUntil);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] long ExpiresIn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "identity refused a service token for {ClientId} ({Status}); trust-wide events stay unattributed")]
    private static partial void LogRefused(ILogger logger, string clientId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "identity token endpoint {Endpoint} failed ({Error}); trust-wide events stay unattributed")]
    private static partial void LogUnreachable(ILogger logger, string endpoint, string error);
}
