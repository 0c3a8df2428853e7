using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TrustSafety.Consent.Tests.Fixtures;

/// <summary>
/// The consent service on a real PostgreSQL database and RabbitMQ vhost of its own, real identity tokens, and a
/// fake clock: tests move time (academic-year end, AUP grace) instead of waiting.
/// </summary>
public sealed class ConsentApiFixture : IAsyncLifetime
{
    /// <summary>A Thursday in the autumn term of 2026/27.</summary>
    public static readonly DateTimeOffset Start = new(2026, 9, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Blakehill, the school the API tests work in unless they say otherwise.</summary>
    public const string School = "141001";

    public FakeTimeProvider Clock { get; } = new(Start);
    public IdentityServer Identity => _service.Identity;
    public TestVirtualHost VirtualHost => _service.VirtualHost;
    public WebApplicationFactory<EntryPoint> App => _service.App;
    private ServiceUnderTest<EntryPoint> _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest<EntryPoint>.StartAsync("consent", settings => settings["Consent:ClockInterval"] = "00:00:00.200",
            clock: Clock);

    public Task<HttpClient> ClientFor(string user) => _service.ClientFor(user);

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    /// <summary>
    /// What most API tests start from: Blakehill's <paramref name="manager"/> (the DSL unless said otherwise) and a member of
    /// staff, with the trust's standard consent types added.
    /// </summary>
    public async Task<(HttpClient Manager, HttpClient Staff)> BlakehillAsync(string manager = "dsl.blakehill")
    {
        var managing = await ClientFor(manager);
        var staff = await ClientFor("staff.blakehill");
        await managing.StandardTypes();
        return (managing, staff);
    }

    /// <summary>A pupil id no other test uses (enrol it with <see cref="Steps.Enrol"/>).</summary>
    public static string NewPupil() => "upn-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A stream's state as stored in <paramref name="school"/> (null: never started).</summary>
    public async Task<StreamState?> StateOf(Guid stream, string school = School)
    {
        await using var session = Store.QuerySession(school);
        return await session.Events.FetchStreamStateAsync(stream);
    }

    /// <summary>The events of type <typeparamref name="T"/> stored on a stream in <paramref name="school"/>.</summary>
    public async Task<IReadOnlyList<T>> Events<T>(Guid stream, string school = School)
    {
        await using var session = Store.QuerySession(school);
        return (await session.Events.FetchStreamAsync(stream)).Select(e => e.Data).OfType<T>().ToList();
    }

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(),
        TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    /// <summary>Midday (London) on <paramref name="day"/>; time only moves forward.</summary>
    public void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(11, 0)), TimeSpan.Zero);
        if (target > Clock.GetUtcNow()) Clock.SetUtcNow(target);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();
}

/// <summary>The steps tests take through the API, as a DSL (manager) and a member of staff would.</summary>
public static class Steps
{
    public static async Task StandardTypes(this HttpClient manager) =>
        (await manager.PostAsync("/consent-types/standard", null)).EnsureSuccessStatusCode();

    /// <summary>Publishes a first version of the <paramref name="audience"/>'s AUP unless the school already has one.</summary>
    public static async Task HasAup(this HttpClient manager, string audience, string title)
    {
        if ((await manager.GetAsync($"/aups/{audience}")).StatusCode == HttpStatusCode.NotFound)
            (await manager.WithIfMatch(HttpMethod.Post, $"/aups/{audience}/versions", new { title }, 0)).EnsureSuccessStatusCode();
    }

    public static async Task Enrol(this HttpClient manager, string pupilId, string className = "3B", int yearGroup = 3, string? leavingDate = null)
    {
        var response = await manager.PostAsJsonAsync("/roster", new { pupils = new[] { new { pupilId, className, yearGroup, leavingDate } } });
        response.EnsureSuccessStatusCode();
    }

    public static Task<HttpResponseMessage> Answer(this HttpClient staff, string pupilId, string type, bool given, int? wordingVersion = null,
        string? respondedOn = null) =>
        staff.RecordAtCurrentVersion(pupilId, type, "responses",
            new { given, wordingVersion, respondentId = "guardian-" + pupilId, relationship = "mother", channel = "paper", respondedOn });

    public static Task<HttpResponseMessage> Withdraw(this HttpClient staff, string pupilId, string type) =>
        staff.RecordAtCurrentVersion(pupilId, type, "withdrawal",
            new { respondentId = "guardian-" + pupilId, relationship = "father", channel = "email" });

    /// <summary>
    /// Reads the consent's version and records with If-Match, as the dashboard does; when the platform itself appended meanwhile
    /// (e.g. a lapse on the school clock) the answer is 412, and the caller reads again and retries.
    /// </summary>
    private static async Task<HttpResponseMessage> RecordAtCurrentVersion(this HttpClient staff, string pupilId, string type, string what,
        object body)
    {
        for (var tries = 1; ; tries++)
        {
            var response = await staff.WithIfMatch(HttpMethod.Post, $"/pupils/{pupilId}/consents/{type}/{what}", body,
                await staff.ConsentVersion(pupilId, type));
            if (response.StatusCode != HttpStatusCode.PreconditionFailed || tries == 3) return response;
        }
    }

    /// <summary>The version of a pupil's consent of one type, as a person reads it before recording (0 when none, or no such pupil).</summary>
    public static async Task<long> ConsentVersion(this HttpClient staff, string pupilId, string type)
    {
        var response = await staff.GetAsync($"/pupils/{pupilId}/consents");
        if (!response.IsSuccessStatusCode) return 0;
        var consents = await response.Content.ReadFromJsonAsync<JsonElement>();
        return consents.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type)
            .Select(c => c.GetProperty("version").GetInt64()).FirstOrDefault();
    }

    public static async Task<MayPublish> MayPublish(this HttpClient staff, string pupilId, string type, DateOnly? on = null)
    {
        var query = on is null ? "" : $"&on={on:yyyy-MM-dd}";
        var response = await staff.GetAsync($"/pupils/{pupilId}/may-publish?type={type}{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MayPublish>())!;
    }

    public static async Task<HttpResponseMessage> WithIfMatch(this HttpClient client, HttpMethod method, string url, object body, long version)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return await client.SendAsync(request);
    }
}

public sealed record MayPublishEvidence(Guid ResponseId, string Decision, int WordingVersion, string Relationship, string Channel,
    DateOnly? ValidUntil);
public sealed record MayPublish(string PupilId, string Type, DateOnly On,
    [property: System.Text.Json.Serialization.JsonPropertyName("mayPublish")] bool Allowed, string Basis, string Explanation,
    MayPublishEvidence? Evidence, string? NameUse);
