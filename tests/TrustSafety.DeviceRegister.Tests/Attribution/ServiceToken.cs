using System.Net.Http.Headers;

namespace TrustSafety.DeviceRegister.Tests.Attribution;

/// <summary>filtering-ingest's client-credentials token from the shared identity service (its local-demo secret).</summary>
public static class ServiceToken
{
    public const string ClientId = "filtering-ingest";
    public const string LocalDemoSecret = "LOCAL-DEMO-ONLY-filtering-ingest-client-secret-change-me";

    public static async Task<HttpClient> AsServiceAsync(this IdentityServer identity, HttpClient client)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(identity.Issuer + "connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = ClientId, ["client_secret"] = LocalDemoSecret, ["scope"] = "api",
        }));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue($"service token refused: {body}");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return client;
    }
}
