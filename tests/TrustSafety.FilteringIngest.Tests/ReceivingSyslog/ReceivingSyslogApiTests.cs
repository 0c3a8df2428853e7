using System.Net.Sockets;
using TrustSafety.FilteringIngest.CheckingSourceHealth;

namespace TrustSafety.FilteringIngest.Tests.ReceivingSyslog;

public sealed class ReceivingSyslogApiTests(IngestApiFixture f) : IClassFixture<IngestApiFixture>
{
    [Fact]
    public async Task tcp_syslog_in_both_framings_and_udp_reach_the_source_whose_allow_list_holds_the_sender()
    {
        var (source, _) = await f.RegisterAsync("it.blakehill", new { name = "FortiGate syslog", format = "fortigate-kv", allowedSenders = new[] { "127.0.0.1" } });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Line(string id) => $"<189>date=2025-01-01 time=10:00:00 eventtime={now} logid=\"0316013056\" sessionid={id} devid=FGT1 action=blocked hostname={id}.example url=/ srcip=10.0.0.7 cat=11 catdesc=\"Gambling\" crlevel=medium";
        var octet = Encoding.UTF8.GetBytes(Line("tcp-octet"));

        using (var tcp = new TcpClient())
        {
            await tcp.ConnectAsync(IPAddress.Loopback, f.Syslog.TcpPort);
            var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Line("tcp-newline") + "\n"));
            await stream.WriteAsync(Encoding.UTF8.GetBytes($"{octet.Length} "));
            await stream.WriteAsync(octet);
            await stream.WriteAsync(Encoding.UTF8.GetBytes("<189>this line is not fortigate\n"));
        }
        using (var udp = new UdpClient())
            await udp.SendAsync(Encoding.UTF8.GetBytes(Line("udp")), new IPEndPoint(IPAddress.Loopback, f.Syslog.UdpPort));

        using var dsl = await f.ClientFor("dsl.blakehill");
        await Eventually.True(async () =>
        {
            var events = await dsl.GetStringAsync("/events?take=500");
            return events.Contains("tcp-newline.example") && events.Contains("tcp-octet.example") && events.Contains("udp.example");
        }, TimeSpan.FromSeconds(30), "syslog lines visible to the school");

        using var admin = await f.ClientFor("it.blakehill");
        var health = await Eventually.Returns(async () => (await admin.GetFromJsonAsync<SourceHealthView>($"/sources/{source.Id}/health"))!,
            h => h.RecentRejected.Count > 0, TimeSpan.FromSeconds(30), "unparseable syslog line kept");
        health.RecentRejected.ShouldContain(r => r.Channel == "syslog" && r.Raw!.Contains("not fortigate"));
    }
}
