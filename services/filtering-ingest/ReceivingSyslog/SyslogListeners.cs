using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace TrustSafety.FilteringIngest.ReceivingSyslog;

/// <summary>Syslog over TCP (RFC 6587, both framings) and UDP (one message per datagram); ports from Ingest:Syslog, 0 = off.</summary>
public sealed partial class SyslogListeners(SyslogIngest ingest, IOptions<IngestOptions> options, ILogger<SyslogListeners> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int TcpPort { get; private set; }
    public int UdpPort { get; private set; }
    public Task Bound => _bound.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value.Syslog;
        var address = IPAddress.Parse(o.BindAddress);
        var tasks = new List<Task> { ingest.RunAsync(stoppingToken) };
        TcpListener? tcp = null;
        UdpClient? udp = null;
        try
        {
            if (o.TcpPort != 0)
            {
                tcp = new TcpListener(address, Math.Max(0, o.TcpPort));
                tcp.Start();
                TcpPort = ((IPEndPoint)tcp.LocalEndpoint).Port;
                tasks.Add(AcceptLoop(tcp, o.MaxLineBytes, stoppingToken));
            }
            if (o.UdpPort != 0)
            {
                udp = new UdpClient(new IPEndPoint(address, Math.Max(0, o.UdpPort)));
                UdpPort = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
                tasks.Add(ReceiveLoop(udp, stoppingToken));
            }
            LogListening(logger, TcpPort, UdpPort);
        }
        catch (SocketException ex)
        {
            LogBindFailed(logger, ex, o.TcpPort, o.UdpPort);
        }
        _bound.TrySetResult();
        try { await Task.WhenAll(tasks); }
        catch (OperationCanceledException) { }
        finally
        {
            tcp?.Stop();
            udp?.Dispose();
        }
    }

    private async Task AcceptLoop(TcpListener listener, int maxLine, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(ct); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; }
            _ = Task.Run(() => Serve(client, maxLine, ct), ct);
        }
    }

    private async Task Serve(TcpClient client, int maxLine, CancellationToken ct)
    {
        using var _ = client;
        var sender = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
        try
        {
            if (!await ingest.IsAllowedAsync(sender, ct))
            {
                LogRefused(logger, sender.ToString());
                return;
            }
            var decoder = new SyslogFrameDecoder(maxLine);
            var stream = client.GetStream();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, ct);
                if (read == 0) break;
                foreach (var frame in decoder.Push(buffer.AsSpan(0, read)))
                    if (frame.Text.Length > 0) await ingest.AcceptAsync(sender, frame.Text, ct);
            }
            if (decoder.Flush() is { } last) await ingest.AcceptAsync(sender, last.Text, ct);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        catch (Exception ex)
        {
            LogConnectionFailed(logger, ex, sender.ToString());
        }
    }

    private async Task ReceiveLoop(UdpClient udp, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var datagram = await udp.ReceiveAsync(ct);
                var text = System.Text.Encoding.UTF8.GetString(datagram.Buffer).TrimEnd('\n', '\r', '\0');
                foreach (var line in text.Split('\n'))
                    if (line.Trim().Length > 0) await ingest.AcceptAsync(datagram.RemoteEndPoint.Address, line.TrimEnd('\r'), ct);
            }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Syslog listening on TCP {TcpPort} and UDP {UdpPort} (0 = off)")]
    private static partial void LogListening(ILogger logger, int tcpPort, int udpPort);

    [LoggerMessage(Level = LogLevel.Error, Message = "Syslog listeners could not bind TCP {TcpPort} / UDP {UdpPort}; syslog is off")]
    private static partial void LogBindFailed(ILogger logger, Exception exception, int tcpPort, int udpPort);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Syslog connection from {Sender} refused: no source allows this address")]
    private static partial void LogRefused(ILogger logger, string sender);

    [LoggerMessage(Level = LogLevel.Error, Message = "Syslog connection from {Sender} failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string sender);
}
