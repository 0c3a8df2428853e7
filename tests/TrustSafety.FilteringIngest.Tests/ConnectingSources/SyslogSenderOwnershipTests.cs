using System.Net.Sockets;
using Marten;
using static TrustSafety.FilteringIngest.Tests.Fixtures.SourceGivens;

namespace TrustSafety.FilteringIngest.Tests.ConnectingSources;

/// <summary>Issue 17.1: one school must not capture another school's syslog by claiming its sender address.</summary>
public sealed class SyslogSenderOwnershipTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    [Fact]
    public async Task an_allowed_sender_already_held_by_another_schools_source_is_refused_with_409_naming_that_source()
    {
        var caldecote = await f.RegisterAsync("it.admin", new { name = "Caldecote FortiGate " + Unique(), format = "fortigate-kv", schoolUrn = "141002", allowedSenders = new[] { "10.77.1.0/24" } });

        using var blakehill = await f.ClientFor("it.blakehill");
        var response = await blakehill.PostAsJsonAsync("/sources", new { name = "Blakehill FortiGate", format = "fortigate-kv", allowedSenders = new[] { "10.77.1.20" } });

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("field").GetString().ShouldBe("allowedSenders");
        problem.GetProperty("detail").GetString()!.ShouldContain(caldecote.Source.Id.ToString());
        problem.GetProperty("detail").GetString()!.ShouldContain("10.77.1.0/24");
        using var admin = await f.ClientFor("it.blakehill");
        (await admin.GetStringAsync("/sources")).ShouldNotContain("10.77.1.20");
    }

    [Fact]
    public async Task a_trust_wide_range_overlapping_a_schools_sender_is_refused_and_a_revoked_sources_sender_is_free_again()
    {
        var school = await f.RegisterAsync("it.blakehill", new { name = "Blakehill " + Unique(), format = "cef", allowedSenders = new[] { "10.78.0.9" } });
        using var trust = await f.ClientFor("it.admin");
        var refused = await trust.PostAsJsonAsync("/sources", new { name = "Trust syslog", format = "cef", allowedSenders = new[] { "10.78.0.0/24" } });
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());

        using var blakehill = await f.ClientFor("it.blakehill");
        (await blakehill.ChangeSourceAsync(school.Source.Id, "revoke")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var accepted = await trust.PostAsJsonAsync("/sources", new { name = "Trust syslog", format = "cef", allowedSenders = new[] { "10.78.0.0/24" } });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("10.0.0.0/8")]
    [InlineData("::/0")]
    public async Task a_range_wider_than_the_configured_prefix_is_a_400_naming_allowed_senders(string range)
    {
        using var admin = await f.ClientFor("it.blakehill");
        var response = await admin.PostAsJsonAsync("/sources", new { name = "too wide", format = "fortigate-kv", allowedSenders = new[] { range } });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("allowedSenders")[0].GetString();
        error.ShouldNotBeNull();
        error.ShouldContain(range);
        error.ShouldContain("/24");
    }

    [Fact]
    public async Task syslog_from_an_address_two_stored_sources_claim_goes_to_the_most_specific_one_every_time()
    {
        // Overlaps can no longer be registered; these two stand for ones stored before the rule. The wider one is older
        // and inserted first, which is where the old "first match" routing sent the lines.
        var protector = f.Host.Services.GetRequiredService<SecretProtector>();
        var adapters = f.Host.Services.GetRequiredService<FormatAdapters>();
        Source Legacy(string school, string sender, DateTimeOffset at) => new()
        {
            Id = Guid.CreateVersion7(), Name = $"legacy {school}", Format = "fortigate-kv", Vendor = adapters.For("fortigate-kv")!.Vendor,
            SchoolUrn = school, AllowedSenders = [sender], RateLimitPerSecond = 1000, RegisteredAt = at, ChangedAt = at,
            Secrets = [new StoredSecret(protector.Encrypt(SecretProtector.NewSecret()), at, null)],
        };
        var wide = Legacy("141002", "127.0.0.0/24", DateTimeOffset.UtcNow.AddDays(-30));
        var narrow = Legacy("141001", "127.0.0.1", DateTimeOffset.UtcNow.AddDays(-1));
        await using (var session = f.Host.Services.GetRequiredService<IDocumentStore>().LightweightSession(IngestTenants.Trust))
        {
            session.Insert(wide);
            await session.SaveChangesAsync();
            session.Insert(narrow);
            await session.SaveChangesAsync();
        }
        f.Host.Services.GetRequiredService<SourceDirectory>().Invalidate(narrow.Id);

        var tag = Unique();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using (var udp = new UdpClient())
        {
            for (var i = 0; i < 3; i++)
            {
                var line = $"<189>date=2025-01-01 time=10:00:00 eventtime={now} logid=\"0316013056\" sessionid={tag}{i} devid=FGT1 action=blocked hostname={tag}-{i}.example url=/ srcip=10.0.0.7 cat=11 catdesc=\"Gambling\" crlevel=medium";
                await udp.SendAsync(Encoding.UTF8.GetBytes(line), new IPEndPoint(IPAddress.Loopback, f.Syslog.UdpPort));
            }
        }

        using var blakehill = await f.ClientFor("dsl.blakehill");
        await Eventually.True(async () =>
        {
            var events = await blakehill.GetStringAsync("/events?take=500");
            return Enumerable.Range(0, 3).All(i => events.Contains($"{tag}-{i}.example"));
        }, TimeSpan.FromSeconds(30), "the narrow source's school sees every line");
        using var caldecote = await f.ClientFor("dsl.caldecote");
        (await caldecote.GetStringAsync("/events?take=500")).ShouldNotContain(tag);
    }
}
