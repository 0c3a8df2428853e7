using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TrustSafety.Notifications.Tests.Fixtures;

/// <summary>What every notifications test gives first: the person's own address and choices.</summary>
public static class Preferences
{
    /// <summary>Sets the caller's own preferences (PUT /preferences, must be 200) and returns their subject id.</summary>
    public static async Task<string> SetAsync(HttpClient client, object preferences)
    {
        using var response = await client.PutAsJsonAsync("/preferences", preferences);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
