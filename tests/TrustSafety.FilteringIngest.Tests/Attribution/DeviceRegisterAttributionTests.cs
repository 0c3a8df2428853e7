using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Attribution;
using TrustSafety.FilteringIngest.Canonical;

namespace TrustSafety.FilteringIngest.Tests.Attribution;

public sealed class DeviceRegisterAttributionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 14, 5, 0, TimeSpan.Zero);
    private static readonly Guid Laptop = Guid.Parse("0196f000-0000-7000-8000-000000000001");
    private const string TokenJson = """{"access_token":"service-token","token_type":"Bearer","expires_in":3600}""";

    /// <summary>Answers the token endpoint and device-register from scripted responses, recording what was asked.</summary>
    private sealed class FakeNetwork(Func<HttpRequestMessage, HttpResponseMessage> token, Func<HttpRequestMessage, HttpResponseMessage> register)
        : HttpMessageHandler, IHttpClientFactory
    {
        public List<HttpRequestMessage> TokenRequests { get; } = [];
        public List<HttpRequestMessage> Lookups { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            await Task.Yield();
            if (request.RequestUri!.AbsolutePath.EndsWith("/connect/token"))
            {
                lock (TokenRequests) TokenRequests.Add(request);
                return token(request);
            }
            lock (Lookups) Lookups.Add(request);
            var response = register(request);
            if (response.StatusCode == HttpStatusCode.RequestTimeout) await Task.Delay(Timeout.Infinite, ct);
            return response;
        }

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);
    }

    private static AttributionKey Ip(string ip) => AttributionKey.Ip(ip)!.Value;

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    // Answers come at once; only a test of the timeout itself waits for one (a short budget for every test failed them
    // on a loaded machine: the answer took longer than 200 ms to arrive and became "unknown").
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    private static (DeviceRegisterAttribution Attribution, ServiceTokens Tokens) Build(FakeNetwork network, TimeSpan? lookupTimeout = null,
        AttributionCache? cache = null)
    {
        var tokens = new ServiceTokens(network, Options.Create(new ServiceClientOptions
            { TokenEndpoint = "http://identity.test/connect/token", TokenTimeout = Generous }),
            TimeProvider.System, NullLogger<ServiceTokens>.Instance);
        var ingest = Options.Create(new IngestOptions
        {
            DeviceRegisterUrl = "http://device-register.test/", DeviceRegisterTimeout = lookupTimeout ?? Generous,
        });
        return (new DeviceRegisterAttribution(network.CreateClient(""), tokens, cache ?? new AttributionCache(ingest), ingest,
            NullLogger<DeviceRegisterAttribution>.Instance), tokens);
    }

    public static TheoryData<string, HttpStatusCode, string, string?> Answers() => new()
    {
        { "attributed", HttpStatusCode.OK, $$$"""{"status":"attributed","schoolUrn":"141002","device":{"id":"{{{Laptop}}}"}}""", "141002" },
        { "school only", HttpStatusCode.OK, """{"status":"school-only","schoolUrn":"141002","device":null}""", "141002" },
        { "unknown", HttpStatusCode.OK, """{"status":"unknown","reason":"2 schools","schoolUrn":null}""", null },
        { "refused", HttpStatusCode.Forbidden, "{}", null },
        { "unauthorised", HttpStatusCode.Unauthorized, "{}", null },
        { "server error", HttpStatusCode.InternalServerError, "{}", null },
        { "not json", HttpStatusCode.OK, "<html>", null },
        { "timeout", HttpStatusCode.RequestTimeout, "{}", null },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task device_registers_answer_names_the_school_or_falls_back_to_unattributed(string situation, HttpStatusCode status,
        string body, string? school)
    {
        var network = new FakeNetwork(_ => Json(TokenJson), _ => Json(body, status));
        var (attribution, _) = Build(network, status == HttpStatusCode.RequestTimeout ? Short : null);

        var answer = await attribution.ResolveAsync(Ip("10.9.0.1"), At, CancellationToken.None);

        answer.SchoolUrn.ShouldBe(school, situation);
        var lookup = network.Lookups.ShouldHaveSingleItem();
        lookup.Headers.Authorization!.ToString().ShouldBe("Bearer service-token");
        lookup.RequestUri!.Query.ShouldContain("scope=trust");
    }

    [Fact]
    public async Task without_a_token_nothing_is_asked_and_the_event_stays_unattributed()
    {
        var network = new FakeNetwork(_ => Json("""{"error":"invalid_client"}""", HttpStatusCode.BadRequest), _ => Json("{}"));
        var (attribution, _) = Build(network);

        (await attribution.ResolveAsync(Ip("10.9.0.1"), At, CancellationToken.None)).ShouldBe(Attributed.Unknown);

        network.Lookups.ShouldBeEmpty();
    }

    [Fact]
    public async Task one_token_serves_many_lookups_and_a_refused_token_is_fetched_again()
    {
        var network = new FakeNetwork(_ => Json(TokenJson),
            r => r.RequestUri!.Query.Contains("10.9.0.3") ? Json("{}", HttpStatusCode.Unauthorized) : Json("""{"schoolUrn":"141001"}"""));
        var (attribution, _) = Build(network);

        await Task.WhenAll(Enumerable.Range(1, 2).Select(i => attribution.ResolveAsync(Ip($"10.9.0.{i}"), At, CancellationToken.None)));
        network.TokenRequests.Count.ShouldBe(1);

        await attribution.ResolveAsync(Ip("10.9.0.3"), At, CancellationToken.None);
        await attribution.ResolveAsync(Ip("10.9.0.4"), At, CancellationToken.None);
        network.TokenRequests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_answer_cache_never_holds_more_than_its_bound_however_many_identities_arrive()
    {
        var network = new FakeNetwork(_ => Json(TokenJson), _ => Json("""{"schoolUrn":"141001"}"""));
        using var cache = new AttributionCache(Options.Create(new IngestOptions { AttributionCacheEntries = 100 }));
        var (attribution, _) = Build(network, cache: cache);

        for (var i = 0; i < 1_000; i++)
            (await attribution.ResolveAsync(Ip($"10.{i / 250}.{i % 250}.1"), At, CancellationToken.None)).SchoolUrn.ShouldBe("141001");

        network.Lookups.Count.ShouldBe(1_000);
        cache.Count.ShouldBeInRange(1, 100);
    }

    [Fact]
    public async Task a_second_event_from_the_same_address_in_the_same_hour_is_answered_from_the_cache()
    {
        var network = new FakeNetwork(_ => Json(TokenJson), _ => Json("""{"schoolUrn":"141001"}"""));
        var (attribution, _) = Build(network);

        await attribution.ResolveAsync(Ip("10.9.0.1"), At, CancellationToken.None);
        (await attribution.ResolveAsync(Ip("10.9.0.1"), At.AddMinutes(10), CancellationToken.None)).SchoolUrn.ShouldBe("141001");

        network.Lookups.Count.ShouldBe(1);
    }

    [Fact]
    public async Task each_kind_of_identity_is_asked_by_its_own_parameter_in_its_normal_form()
    {
        var network = new FakeNetwork(_ => Json(TokenJson), _ => Json("""{"schoolUrn":"141001"}"""));
        var (attribution, _) = Build(network);

        await attribution.ResolveAsync(AttributionKey.User("J.Smith@Blakehill.sch.uk")!.Value, At, CancellationToken.None);
        await attribution.ResolveAsync(AttributionKey.Mac("3C-22-FB-12-AB-9E")!.Value, At, CancellationToken.None);
        await attribution.ResolveAsync(AttributionKey.Hostname("BH-LAP-0042")!.Value, At, CancellationToken.None);

        network.Lookups.Select(l => l.RequestUri!.Query.Split('&')[0]).ShouldBe(
            ["?user=j.smith%40blakehill.sch.uk", "?mac=3c%3A22%3Afb%3A12%3Aab%3A9e", "?hostname=bh-lap-0042"]);
    }

    [Fact]
    public async Task identities_naming_different_schools_leave_the_record_unattributed_and_are_counted()
    {
        var network = new FakeNetwork(_ => Json(TokenJson), r => r.RequestUri!.Query.StartsWith("?mac=")
            ? Json($$$"""{"status":"attributed","schoolUrn":"141001","device":{"id":"{{{Laptop}}}"}}""")
            : Json("""{"status":"attributed","schoolUrn":"141002"}"""));
        var (attribution, _) = Build(network);
        var conflicts = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "trustsafety.ingest.attribution_conflicts") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref conflicts, value));
        listener.Start();
        var record = new VendorRecord { OccurredAt = At, Mac = "3c:22:fb:12:ab:9e", Ip = "10.9.0.7" };
        var agreeing = new VendorRecord { OccurredAt = At, Mac = "3c:22:fb:12:ab:9e" };

        var answers = await attribution.AttributeAsync(Guid.NewGuid(), [record, agreeing], CancellationToken.None);

        answers[record].ShouldBe(Attributed.Unknown);
        answers[agreeing].ShouldBe(new Attributed("141001", Laptop));
        Interlocked.Read(ref conflicts).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task once_device_register_times_out_the_rest_of_the_batch_is_not_asked()
    {
        var network = new FakeNetwork(_ => Json(TokenJson), _ => Json("{}", HttpStatusCode.RequestTimeout));
        var (attribution, _) = Build(network, Short);
        var records = Enumerable.Range(1, 60).Select(i => new VendorRecord { OccurredAt = At, Ip = $"10.9.1.{i}" }).ToList();

        var answers = await attribution.AttributeAsync(Guid.NewGuid(), records, CancellationToken.None);

        answers.Values.ShouldAllBe(a => a == Attributed.Unknown);
        network.Lookups.Count.ShouldBeLessThanOrEqualTo(TrustWideRecordAttribution.MaxConcurrentLookups);
    }
}
