using System.Net;
using System.Net.Sockets;

namespace TrustSafety.Testing;

/// <summary>
/// A loopback TCP forwarder between a service and a real server (RabbitMQ, PostgreSQL) that a test can cut and
/// restore: cutting drops every open connection and refuses new ones, as a crashed or partitioned server would,
/// without disturbing other test classes that share the real server.
/// </summary>
public sealed class ChaosProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private Task? _accepting;

    public ChaosProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }
    public bool IsCut { get; private set; }

    /// <summary>Drops every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            IsCut = true;
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            if (!IsCut) return;
            IsCut = false;
        }
        Start();
    }

    private void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        lock (_gate) _listener = listener;
        _accepting = Task.Run(() => AcceptLoop(listener));
    }

    private async Task AcceptLoop(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException) { return; }

            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_gate)
            {
                if (IsCut) { inbound.Dispose(); outbound.Dispose(); continue; }
                _open.Add(inbound);
                _open.Add(outbound);
            }
            _ = Pump(inbound, outbound);
            _ = Pump(outbound, inbound);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException) { }
        finally
        {
            from.Dispose();
            to.Dispose();
            lock (_gate) { _open.Remove(from); _open.Remove(to); }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Cut();
        if (_accepting is not null) await _accepting.ConfigureAwait(false);
        _stop.Dispose();
    }
}
