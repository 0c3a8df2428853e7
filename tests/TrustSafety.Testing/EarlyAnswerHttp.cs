using System.Net.Sockets;
using System.Text;

namespace TrustSafety.Testing;

/// <summary>
/// Sends one HTTP/1.1 request over a raw socket and reads the answer even when the server answers before the body is
/// sent and stops reading (a 413 for a body over the limit). HttpClient writes the whole body before it reads, so there
/// the same exchange fails with "Broken pipe" or "Connection reset" whenever the server closes first.
/// The body is sent at once and the answer read alongside; sending stops when the answer is complete or the server
/// closes. With <c>expectContinue</c> the request carries <c>Expect: 100-continue</c> and the body waits for a
/// <c>100 Continue</c> (or <see cref="ContinueWait"/>, RFC 9110 §10.1.1). Limit tests leave it off: with it, a
/// server may refuse for another reason (404, 401) without ever reading the body, and the limit goes untested.
/// </summary>
public static class EarlyAnswerHttp
{
    public static readonly TimeSpan ContinueWait = TimeSpan.FromSeconds(2);

    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, string Body, long BodyBytesSent)
    {
        public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value : null;
        /// <summary>The media type without parameters, e.g. <c>application/problem+json</c>.</summary>
        public string? MediaType => ContentType?.Split(';')[0].Trim();
    }

    public static async Task<Answer> SendAsync(Uri baseAddress, string method, string pathAndQuery,
        IEnumerable<KeyValuePair<string, string>> headers, byte[] body, TimeSpan? within = null, bool expectContinue = false)
    {
        using var deadline = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, deadline.Token);
        var stream = tcp.GetStream();

        var head = new StringBuilder()
            .Append($"{method} {pathAndQuery} HTTP/1.1\r\n")
            .Append($"Host: {baseAddress.Authority}\r\n")
            .Append($"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (expectContinue) head.Append("Expect: 100-continue\r\n");
        foreach (var (name, value) in headers) head.Append($"{name}: {value}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), deadline.Token);

        var reader = new ResponseReader(stream);
        var reading = reader.ReadFinalAsync(deadline.Token);
        if (expectContinue) await Task.WhenAny(reading, reader.ContinueReceived, Task.Delay(ContinueWait, deadline.Token));

        long sent = 0;
        if (!reading.IsCompleted)
        {
            try
            {
                for (var offset = 0; offset < body.Length && !reading.IsCompleted; offset += 64 * 1024)
                {
                    var chunk = body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset));
                    await stream.WriteAsync(chunk, deadline.Token);
                    sent += chunk.Length;
                }
            }
            // The server answered and closed while the body was still going out: its answer is what counts.
            catch (Exception e) when (e is IOException or SocketException) { }
        }
        var (status, responseHeaders, responseBody) = await reading;
        return new Answer(status, responseHeaders, responseBody, sent);
    }

    private sealed class ResponseReader(NetworkStream stream)
    {
        private readonly TaskCompletionSource _continue = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<byte> _received = [];
        private bool _closed;

        public Task ContinueReceived => _continue.Task;

        public async Task<(int, IReadOnlyDictionary<string, string>, string)> ReadFinalAsync(CancellationToken ct)
        {
            var start = 0;
            while (true)
            {
                var headEnd = await ReadUntilAsync(() => IndexOf("\r\n\r\n"u8, start), ct);
                if (headEnd < 0) throw new IOException($"The connection closed before a complete response head; received: {Text(start, _received.Count)}");
                var lines = Text(start, headEnd).Split("\r\n");
                var status = int.Parse(lines[0].Split(' ')[1]);
                var bodyStart = headEnd + 4;
                if (status is >= 100 and < 200)
                {
                    if (status == 100) _continue.TrySetResult();
                    start = bodyStart;
                    continue;
                }
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(':');
                    if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                return (status, headers, await ReadBodyAsync(headers, bodyStart, ct));
            }
        }

        private async Task<string> ReadBodyAsync(Dictionary<string, string> headers, int bodyStart, CancellationToken ct)
        {
            if (headers.TryGetValue("Content-Length", out var length))
            {
                var end = bodyStart + int.Parse(length);
                await ReadUntilAsync(() => _received.Count >= end ? end : -1, ct);
                return Text(bodyStart, Math.Min(end, _received.Count));
            }
            if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                var decoded = new StringBuilder();
                var position = bodyStart;
                while (true)
                {
                    var lineEnd = await ReadUntilAsync(() => IndexOf("\r\n"u8, position), ct);
                    if (lineEnd < 0) return decoded.ToString();
                    var size = Convert.ToInt32(Text(position, lineEnd).Split(';')[0].Trim(), 16);
                    if (size == 0) return decoded.ToString();
                    var chunkEnd = lineEnd + 2 + size;
                    await ReadUntilAsync(() => _received.Count >= chunkEnd + 2 ? chunkEnd : -1, ct);
                    decoded.Append(Text(lineEnd + 2, Math.Min(chunkEnd, _received.Count)));
                    position = chunkEnd + 2;
                }
            }
            await ReadUntilAsync(() => -1, ct);
            return Text(bodyStart, _received.Count);
        }

        /// <summary>Reads until <paramref name="found"/> gives a position, or the server closed (then -1).</summary>
        private async Task<int> ReadUntilAsync(Func<int> found, CancellationToken ct)
        {
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var at = found();
                if (at >= 0 || _closed) return at;
                int read;
                // A reset after the server's answer: what it sent before is already in _received.
                try { read = await stream.ReadAsync(buffer, ct); }
                catch (IOException) { read = 0; }
                if (read == 0) _closed = true;
                else _received.AddRange(buffer.AsSpan(0, read));
            }
        }

        private int IndexOf(ReadOnlySpan<byte> marker, int from)
        {
            var at = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_received)[from..].IndexOf(marker);
            return at < 0 ? -1 : from + at;
        }

        private string Text(int from, int to) =>
            Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_received)[from..to]);
    }
}
