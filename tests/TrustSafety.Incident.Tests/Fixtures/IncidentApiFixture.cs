using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TrustSafety.Testing;

namespace TrustSafety.Incident.Tests.Fixtures;

/// <summary>The incident service on a real PostgreSQL database and RabbitMQ virtual host of its own, real tokens.</summary>
public sealed class IncidentApiFixture : IAsyncLifetime
{
    public IdentityServer Identity => _service.Identity;
    public TestVirtualHost VirtualHost => _service.VirtualHost;
    public ServiceHost<EntryPoint> Host => _service.Host;
    private ServiceUnderTest<EntryPoint> _service = null!;
    /// <summary>The service's internal Prometheus listener (<c>Metrics:Port</c>), apart from the API.</summary>
    public int MetricsPort { get; private set; }

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("incident", host: async settings =>
        {
            // Started here, not on first use, so that a metrics port taken in between is retried on another.
            (var started, MetricsPort) = await FreePort.StartOnFreeAsync(async port =>
            {
                settings["Metrics:Port"] = port.ToString();
                var host = new ServiceHost<EntryPoint>(settings);
                try { _ = host.Services; return (host, port); }
                catch { await DisposeQuietlyAsync(host); throw; }
            });
            return started;
        });

    private static async Task DisposeQuietlyAsync(ServiceHost<EntryPoint> host)
    {
        try { await host.DisposeAsync(); }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException) { } // never started
    }

    public async Task<IncidentClient> ClientFor(string user) => new(await _service.ClientFor(user));

    public async Task DisposeAsync() => await _service.DisposeAsync();
}

/// <summary>Thin HTTP helpers so tests read as the API's use cases.</summary>
public sealed class IncidentClient(HttpClient http)
{
    public HttpClient Http => http;

    public static object Report(string role = "child-victim", string? suggestedCategory = null, string pupilId = "P-100") => new
    {
        happenedAt = DateTimeOffset.UtcNow.AddHours(-3),
        whatHappened = "Unkind messages in a class group chat",
        where = new { site = "off-site", device = "personal-device", detail = "home" },
        howItCameToLight = "Disclosure to class teacher",
        people = new object[]
        {
            role.StartsWith("staff") ? new { role, staffId = "S-9", name = "A. Teacher" } : (object)new { role, pupilId },
            new { role = "child-instigator", pupilId = "P-200" },
        },
        suggestedCategory,
    };

    public static object Triage(string category = "cyberbullying", int severity = 3) => new
    {
        illegal = false, category, fourC = "conduct", severity, handlerId = "dsl.blakehill", handlerName = "Blakehill DSL",
        rationale = "Repeated targeted messages between pupils",
    };

    public async Task<(Guid Id, string ETag)> ReportAsync(object? body = null)
    {
        using var response = await http.PostAsJsonAsync("/incidents", body ?? Report());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), response.Headers.ETag!.Tag);
    }

    public async Task<HttpResponseMessage> ChangeAsync(string path, object body, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (etag is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return await http.SendAsync(request);
    }

    /// <summary>A change that must succeed; returns the new ETag.</summary>
    public async Task<string> ChangeOkAsync(string path, object body, string etag)
    {
        using var response = await ChangeAsync(path, body, etag);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.Tag;
    }

    public async Task<(JsonElement Body, string ETag)> GetAsync(Guid id, string? purpose = null)
    {
        using var response = await http.GetAsync($"/incidents/{id}" + (purpose is null ? "" : $"?purpose={Uri.EscapeDataString(purpose)}"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response.Headers.ETag!.Tag);
    }

    public async Task<HttpStatusCode> StatusOfGetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode;
    }

    public async Task<IReadOnlyList<Guid>> ListAsync(string query = "")
    {
        using var response = await http.GetAsync("/incidents?pageSize=200" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public static class ProblemAssertions
{
    public static async Task<JsonElement> ShouldBeProblem(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType.ShouldNotBeNull(body).MediaType.ShouldBe("application/problem+json", body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>
/// One <see cref="IncidentApiFixture"/> (one host, database and virtual host) for the API tests that were one class
/// before the tests moved into use-case folders; its classes run one after another, as that class's tests did.
/// </summary>
[CollectionDefinition(Name)]
public sealed class IncidentApiCollection : ICollectionFixture<IncidentApiFixture>
{
    public const string Name = "Incident API";
}
