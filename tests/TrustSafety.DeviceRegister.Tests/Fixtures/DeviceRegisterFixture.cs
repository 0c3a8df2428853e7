using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using TrustSafety.Contracts.DeviceRegister;
using TrustSafety.Testing;

namespace TrustSafety.DeviceRegister.Tests.Fixtures;

public sealed class DeviceRegisterFixture : IAsyncLifetime
{
    public const string Blakehill = "141001";
    public const string Caldecote = "141002";
    public IdentityServer Identity => _service.Identity;
    public ServiceHost<EntryPoint> Host => _service.Host;
    public ConcurrentQueue<object> Published { get; } = new();
    private ServiceUnderTest<EntryPoint> _service = null!;
    private HostReceiveEndpointHandle? _observer;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("device-register", database: "device",
            readyWithin: TimeSpan.FromSeconds(30));
        _observer = Host.Services.GetRequiredService<IReceiveEndpointConnector>().ConnectReceiveEndpoint("device-register-test-observer",
            (_, e) =>
            {
                e.Handler<DeviceRegistered>(c => Record(c.Message));
                e.Handler<DeviceNetworkIdentityChanged>(c => Record(c.Message));
                e.Handler<DeviceCustodyChanged>(c => Record(c.Message));
                e.Handler<DeviceAssigned>(c => Record(c.Message));
            });
        await _observer.Ready;
    }

    private Task Record(object message) { Published.Enqueue(message); return Task.CompletedTask; }

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public async Task DisposeAsync()
    {
        if (_observer is not null) await _observer.StopAsync();
        await _service.DisposeAsync();
    }
}

/// <summary>One device-register host for the API test classes (they ran in one class before the split by use case).</summary>
[CollectionDefinition(Name)]
public sealed class DeviceRegisterCollection : ICollectionFixture<DeviceRegisterFixture>
{
    public const string Name = "device-register API";
}

public static class DeviceApi
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8].ToUpperInvariant()}";

    public static async Task<Guid> Register(this HttpClient client, string kind = "laptop", string? serial = null)
    {
        var response = await client.PostAsJsonAsync("/devices", new { kind, serialNumber = serial ?? Unique("SN"), make = "Dell" });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Created>())!.Id;
    }

    public static async Task<string> ETag(this HttpClient client, Guid device)
    {
        var response = await client.GetAsync($"/devices/{device}");
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }

    /// <summary>POST with the device's current ETag in If-Match (read first, as a client would).</summary>
    public static async Task<HttpResponseMessage> Change(this HttpClient client, Guid device, string path, object body,
        HttpClient? reader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/devices/{device}{path}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(await (reader ?? client).ETag(device)));
        return await client.SendAsync(request);
    }

    public sealed record Created(Guid Id, long Version);

    public static async Task<List<Guid>> NotSeen(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/coverage?notSeenForDays=7")).GetProperty("notSeen").EnumerateArray()
        .Select(d => d.GetProperty("device").GetProperty("id").GetGuid()).ToList();

    public static async Task<JsonElement> Attribute(HttpClient client, string query)
    {
        var response = await client.GetAsync("/attribution?" + query.Replace("+", "%2B"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<bool> AupCurrent(HttpClient client, string person) =>
        (await client.GetFromJsonAsync<JsonElement>($"/aup-signatures/{person}")).GetProperty("currentAudiences").GetArrayLength() > 0;

    public sealed record ImportResult(int Imported, List<Rejected> Rejected);
    public sealed record Rejected(int Row, string Reason);
}
