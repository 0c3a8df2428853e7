using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using RabbitMQ.Client;
using TrustSafety.Consent.Aups;
using TrustSafety.Consent.Consents;
using TrustSafety.Testing;

namespace TrustSafety.Consent.Tests.Api;

/// <summary>Expiry and lapse as time passes on the fake clock, and what reaches RabbitMQ. Time only moves forward here.</summary>
public sealed class TimePassingTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>, IAsyncLifetime
{
    private HttpClient _head = null!;
    private HttpClient _staff = null!;

    public async Task InitializeAsync()
    {
        _head = await fixture.ClientFor("head.blakehill");
        _staff = await fixture.ClientFor("staff.blakehill");
        await _head.StandardTypes();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IReadOnlyList<T>> Events<T>(Guid stream, string school = "141001")
    {
        await using var session = fixture.Store.QuerySession(school);
        return (await session.Events.FetchStreamAsync(stream)).Select(e => e.Data).OfType<T>().ToList();
    }

    [Fact]
    public async Task when_the_academic_year_ends_may_publish_turns_to_no_today_and_the_expiry_is_recorded()
    {
        var pupil = "upn-" + Guid.NewGuid().ToString("N")[..10];
        await _head.Enrol(pupil);
        await _staff.Answer(pupil, "website", given: true);
        var lastDay = new DateOnly(fixture.Today.Month >= 9 ? fixture.Today.Year + 1 : fixture.Today.Year, 8, 31);

        fixture.MoveTo(lastDay);
        (await _staff.MayPublish(pupil, "website")).Allowed.ShouldBeTrue("the last day of the academic year is still covered");

        fixture.MoveTo(lastDay.AddDays(1));
        var after = await _staff.MayPublish(pupil, "website");
        after.Allowed.ShouldBeFalse("an expired consent counts as not given");
        after.Basis.ShouldBe("expired");

        var lapses = await Eventually.Returns(() => Events<ConsentLapsed>(StreamIds.PupilConsent(pupil, "website")),
            found => found.Any(e => e.PupilId == pupil), TimeSpan.FromSeconds(20), "the clock records the expiry");
        var lapse = lapses.Single(e => e.PupilId == pupil);
        lapse.ExpiredOn.ShouldBe(lastDay.AddDays(1));
        lapse.TypeCode.ShouldBe("website");
    }

    [Fact]
    public async Task older_aup_signatures_count_during_the_grace_period_then_lapse_and_the_person_is_listed_as_unsigned()
    {
        var teacher = "t-" + Guid.NewGuid().ToString("N")[..8];
        var first = await _head.WithIfMatch(HttpMethod.Post, "/aups/staff/versions", new { title = "Staff AUP " + teacher, graceDays = 30 }, 0);
        var etag = first.StatusCode == HttpStatusCode.OK ? first.Headers.ETag!.Tag
            : (await _head.GetAsync("/aups/staff")).Headers.ETag!.Tag;
        var current = (await _head.GetFromJsonAsync<JsonElement>("/aups/staff")).GetProperty("currentVersion").GetInt32();
        (await _staff.PostAsJsonAsync("/aups/staff/signatures", new { personId = teacher, channel = "paper" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var next = await _head.WithIfMatch(HttpMethod.Post, "/aups/staff/versions", new { title = "Staff AUP, revised", graceDays = 30 },
            long.Parse(etag.Trim('"')));
        next.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = fixture.Today;

        var inGrace = await _staff.GetFromJsonAsync<JsonElement>($"/aups/staff/signatures/{teacher}");
        inGrace.GetProperty("state").GetString().ShouldBe("InGrace");
        inGrace.GetProperty("signedVersion").GetInt32().ShouldBe(current);

        fixture.MoveTo(published.AddDays(30));
        var lapsed = await _staff.GetFromJsonAsync<JsonElement>($"/aups/staff/signatures/{teacher}");
        lapsed.GetProperty("state").GetString().ShouldBe("Lapsed");
        var unsigned = await _staff.GetFromJsonAsync<JsonElement>("/aups/staff/unsigned");
        unsigned.EnumerateArray().Select(p => p.GetProperty("personId").GetString()).ShouldContain(teacher);

        await Eventually.True(async () => (await Events<AupSignatureLapsed>(StreamIds.AupSignatory("staff", teacher))).Any(e => e.PersonId == teacher),
            TimeSpan.FromSeconds(20), "the clock records the lapse");
    }

    [Fact]
    public async Task an_aup_signature_reaches_rabbitmq_as_aup_signed_through_the_forwarder()
    {
        var rabbit = await TestServers.RabbitAsync();
        var factory = new ConnectionFactory
        {
            HostName = rabbit.Host, Port = rabbit.Port, UserName = rabbit.Username, Password = rabbit.Password,
            VirtualHost = fixture.VirtualHost.Name,
        };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync("trustsafety.aup-signed.v1", ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue.QueueName, "trustsafety.aup-signed.v1", "");

        var governor = "gov-" + Guid.NewGuid().ToString("N")[..8];
        if ((await _head.GetAsync("/aups/governor")).StatusCode == HttpStatusCode.NotFound)
            (await _head.WithIfMatch(HttpMethod.Post, "/aups/governor/versions", new { title = "Governor AUP" }, 0)).EnsureSuccessStatusCode();
        (await _staff.PostAsJsonAsync("/aups/governor/signatures", new { personId = governor, channel = "in-person" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var bodies = new List<string>();
        await Eventually.True(async () =>
        {
            while (await channel.BasicGetAsync(queue.QueueName, autoAck: true) is { } delivery)
                bodies.Add(Encoding.UTF8.GetString(delivery.Body.Span));
            return bodies.Any(b => b.Contains(governor));
        }, TimeSpan.FromSeconds(30), "AupSigned published to RabbitMQ");

        var envelope = JsonDocument.Parse(bodies.First(b => b.Contains(governor))).RootElement;
        var message = envelope.GetProperty("message");
        message.GetProperty("schoolUrn").GetString().ShouldBe("141001");
        message.GetProperty("audience").GetString().ShouldBe("governor");
        message.GetProperty("version").GetInt32().ShouldBe(1);
        envelope.GetProperty("messageId").GetString().ShouldNotBeNullOrEmpty();
    }
}
