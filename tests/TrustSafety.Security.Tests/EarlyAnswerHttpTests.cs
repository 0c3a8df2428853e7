using System.Net;
using System.Net.Sockets;
using System.Text;
using TrustSafety.Testing;

namespace TrustSafety.Security.Tests;

/// <summary>
/// The sender the limit tests use reads a server's early answer: a server that refuses a body over its limit may answer
/// and close while the client is still sending (HttpClient then fails with "Broken pipe" instead of showing the 413).
/// </summary>
public sealed class EarlyAnswerHttpTests
{
    private const string Problem = """{"title":"Request body too large","status":413}""";
    private static readonly byte[] FourMegabytes = new byte[4 * 1024 * 1024];

    [Theory]
    [InlineData("answers 413 and closes without reading the body", false)]
    [InlineData("reads a little of the body, then answers 413 and closes", false)]
    [InlineData("answers 413 at once, without 100 Continue", true)]
    [InlineData("says 100 Continue, reads a little, then answers 413 and closes", true)]
    [InlineData("answers 413 after the continue wait, while the body is being sent", true)]
    public async Task an_answer_sent_before_the_body_is_read_is_returned_not_a_broken_pipe(string server, bool expectContinue)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = ServeOnceAsync(listener, server, expectContinue);

        var answer = await EarlyAnswerHttp.SendAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
            "POST", "/limited", [new("Content-Type", "application/json")], FourMegabytes, TimeSpan.FromSeconds(30), expectContinue);

        await serving;
        answer.Status.ShouldBe(413, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Body.ShouldBe(Problem);
        answer.BodyBytesSent.ShouldBeLessThan(FourMegabytes.Length, "the server never read the whole body");
    }

    private static async Task ServeOnceAsync(TcpListener listener, string behaviour, bool expectContinue)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n"))
        {
            if (await stream.ReadAsync(buffer) == 0) throw new IOException("the client closed before its request head ended");
            head.Append((char)buffer[0]);
        }
        (head.ToString().Contains("Expect: 100-continue")).ShouldBe(expectContinue);

        if (!expectContinue)
        {
            if (behaviour.Contains("reads a little")) await stream.ReadExactlyAsync(new byte[64 * 1024]);
        }
        else if (behaviour.Contains("100 Continue"))
        {
            if (!behaviour.Contains("without")) await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray());
            if (behaviour.Contains("reads a little")) await stream.ReadExactlyAsync(new byte[64 * 1024]);
        }
        else
        {
            // No 100 Continue: the client starts sending after its wait; answer once the body is on its way.
            await stream.ReadExactlyAsync(new byte[1]);
        }
        var answer = $"HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/problem+json\r\nContent-Length: {Problem.Length}\r\nConnection: close\r\n\r\n{Problem}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(answer));
        // Closing with most of the body unread makes the kernel reset the connection: the client's writes then fail.
        client.Client.Close();
    }
}
