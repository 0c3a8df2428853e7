using Npgsql;
using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

/// <summary>Issue 17.4 and 17.7: bad input is a 400 naming the field, and writes that should not happen do not.</summary>
public sealed class BoundedInputTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    private static string Event(string id) => JsonSerializer.Serialize(new
    {
        occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        sourceEventId = id,
        activity = new { action = "Blocked", url = "https://example.org/" + id[..Math.Min(20, id.Length)] },
        classification = new { categoryLabel = "gambling", severity = 2 },
    });

    private Task<SourceWithSecret> Blakehill() =>
        f.RegisterAsync("it.blakehill", new { name = "Blakehill canonical " + Unique(), format = "canonical-json" });

    [Fact]
    public async Task a_source_event_id_over_the_index_limit_is_refused_on_its_own_and_the_rest_of_the_batch_is_stored()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var longId = tag + new string('x', 3000);
        var body = $"[{Event(tag + "-good")},{Event(longId)}]";

        var response = await f.SendSigned(source.Id, secret, body);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var counts = (await response.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (counts.Accepted, counts.Rejected).ShouldBe((1, 1));
        var rejection = counts.Rejections.ShouldHaveSingleItem();
        (rejection.Record, rejection.Field).ShouldBe((1, "sourceEventId"));
        rejection.Reason.ShouldContain("512");

        // The vendor's retry of the same batch is not poisoned either: the good record is a duplicate, the bad one refused again.
        var retry = await f.SendSigned(source.Id, secret, body);
        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());
        var again = (await retry.Content.ReadFromJsonAsync<IngestAccepted>())!;
        (again.Accepted, again.Duplicate, again.Rejected).ShouldBe((0, 1, 1));
    }

    [Fact]
    public async Task a_batch_whose_only_record_has_an_over_long_id_is_a_400_naming_record_and_field()
    {
        var (source, secret) = await Blakehill();
        var response = await f.SendSigned(source.Id, secret, $"[{Event(new string('y', 3000))}]");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("records[0].sourceEventId", out _).ShouldBeTrue(body);
    }

    [Fact]
    public async Task a_webhook_id_over_the_limit_is_a_400_naming_the_header_and_stores_nothing()
    {
        var (source, secret) = await Blakehill();
        var tag = Unique();
        var response = await f.SendSigned(source.Id, secret, $"[{Event(tag)}]", webhookId: "msg_" + new string('z', 3000));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("webhook-id")[0].GetString()!.ShouldContain("256");
        using var dsl = await f.ClientFor("dsl.blakehill");
        (await dsl.GetStringAsync("/events?take=500")).ShouldNotContain(tag);
    }

    [Theory]
    [InlineData("/events?take=0")]
    [InlineData("/events?take=501")]
    [InlineData("/events?take=-5")]
    [InlineData("/events?take=2147483648")]
    [InlineData("/events?take=abc")]
    [InlineData("/unattributed?take=0")]
    [InlineData("/unattributed?take=100000")]
    public async Task paging_out_of_range_is_a_400_naming_take(string path)
    {
        using var client = await f.ClientFor(path.StartsWith("/events") ? "dsl.blakehill" : "trust.lead");
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("take")[0].GetString()!.ShouldContain("1 and 500");
    }

    [Fact]
    public async Task paging_within_range_still_answers()
    {
        using var client = await f.ClientFor("dsl.blakehill");
        (await client.GetAsync("/events?take=500")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/events")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"value\":[]}")]
    [InlineData("not json")]
    [InlineData("{\"value\":[{\"resource\":\"security/alerts_v2/1\"}]}")]
    public async Task a_graph_notification_without_a_valid_client_state_is_refused_and_writes_nothing(string body)
    {
        var (source, _) = await f.RegisterAsync("it.blakehill", new { name = "Defender " + Unique(), format = "graph-security-alerts" });
        using var anonymous = f.Anonymous();

        var response = await anonymous.PostAsync($"/webhooks/{source.Id}/graph", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, await response.Content.ReadAsStringAsync());
        (await RowsAbout(source.Id)).ShouldBe(0, "nothing about the source was written");
    }

    [Fact]
    public async Task a_source_for_a_urn_outside_the_trust_is_refused_naming_school_urn()
    {
        using var trust = await f.ClientFor("it.admin");
        var response = await trust.PostAsJsonAsync("/sources", new { name = "Not ours", format = "cef", schoolUrn = "999999" });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("schoolUrn")[0].GetString()!.ShouldContain("999999");
        (await trust.GetStringAsync("/sources")).ShouldNotContain("999999");
    }

    /// <summary>Events and rejected-record samples that mention the source, in any tenant, straight from the tables.</summary>
    private async Task<long> RowsAbout(Guid sourceId)
    {
        var configuration = f.Host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        await using var connection = new NpgsqlConnection(configuration["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select (select count(*) from {IngestStore.Schema}.mt_events where data::text like @id) + " +
            $"(select count(*) from {IngestStore.Schema}.mt_doc_rejectedrecord where data::text like @id)", connection);
        command.Parameters.AddWithValue("id", $"%{sourceId}%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
