using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using TrustSafety.Testing;

namespace TrustSafety.Notifications.Tests.Fixtures;

/// <summary>
/// A real SMTP server in the test process (the SmtpServer package) on a loopback port: it speaks SMTP to MailKit as a
/// school's relay would, keeps every message it accepts, can be stopped and started again on the same port, and refuses
/// the recipients a test names (550, as a relay does for an unknown mailbox).
/// </summary>
public sealed class Mailbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _running;

    public int Port { get; } = FreePort.Next();
    public ConcurrentDictionary<string, bool> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);
    public IReadOnlyCollection<MimeMessage> Received => _received.ToArray();

    public static Mailbox Start()
    {
        var mailbox = new Mailbox();
        mailbox.Open();
        return mailbox;
    }

    /// <summary>
    /// Points the notifications service's <paramref name="settings"/> at this relay, with the short timeout and poll interval
    /// the tests wait on.
    /// </summary>
    public void RelayFor(Dictionary<string, string?> settings)
    {
        settings["Notifications:Smtp:Host"] = "127.0.0.1";
        settings["Notifications:Smtp:Port"] = Port.ToString();
        settings["Notifications:Smtp:Timeout"] = "00:00:05";
        settings["Notifications:DashboardBaseUrl"] = "https://safeguarding.three-rivers.test/";
        settings["Notifications:Delivery:PollInterval"] = "00:00:00.200";
    }

    public void Open()
    {
        if (_server is not null) return;
        var options = new SmtpServerOptionsBuilder().ServerName("relay.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received));
        services.Add(new Filter(Refused));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    /// <summary>The relay goes away: connections are refused until <see cref="Open"/>.</summary>
    public async Task CloseAsync()
    {
        if (_server is null) return;
        _server.Shutdown();
        await _server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
        _server = null;
        if (_running is not null) await _running.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
    }

    public IReadOnlyList<MimeMessage> With(Guid messageId) =>
        [.. Received.Where(m => m.MessageId == $"{messageId:N}@trustsafety.notifications")];

    public ValueTask DisposeAsync() => new(CloseAsync());

    private sealed class Store(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(ConcurrentDictionary<string, bool> refused) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken token) =>
            Task.FromResult(!refused.ContainsKey($"{to.User}@{to.Host}"));
    }
}
