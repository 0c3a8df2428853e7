using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TrustSafety.Notifications.Delivery;

namespace TrustSafety.Notifications.SendingEmail;

/// <summary>Sends a batch of emails over one connection to the configured relay (MailKit).</summary>
public sealed class SmtpMailer(IOptionsMonitor<NotificationsOptions> options)
{
    /// <summary>Each delivery's outcome: null when the relay accepted it, else the reason it did not.</summary>
    public async Task<IReadOnlyDictionary<Guid, string?>> SendAsync(IReadOnlyList<EmailDelivery> batch, CancellationToken ct)
    {
        var smtp = options.CurrentValue.Smtp;
        var outcomes = new Dictionary<Guid, string?>();
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            var security = !smtp.UseTls ? SecureSocketOptions.None
                : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
            if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var reason = $"SMTP relay {smtp.Host}:{smtp.Port}: {ex.GetType().Name}: {ex.Message}";
            return batch.ToDictionary(d => d.Id, _ => (string?)reason);
        }

        foreach (var delivery in batch)
        {
            try
            {
                await client.SendAsync(Message(delivery, smtp.From), ct);
                outcomes[delivery.Id] = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcomes[delivery.Id] = $"{ex.GetType().Name}: {ex.Message}";
                if (!client.IsConnected) break;
            }
        }
        foreach (var rest in batch.Where(d => !outcomes.ContainsKey(d.Id)))
            outcomes[rest.Id] = "The SMTP connection closed before this email was sent.";
        try { await client.DisconnectAsync(quit: true, ct); } catch (Exception ex) when (ex is not OperationCanceledException) { }
        return outcomes;
    }

    public static MimeMessage Message(EmailDelivery delivery, string from)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(delivery.Address));
        message.Subject = delivery.Subject;
        // Stable per delivery: if the process dies between the relay's "250 OK" and our record of it, the resend carries
        // the same Message-ID, which mail clients and many relays fold into one.
        message.MessageId = $"{delivery.Id:N}@trustsafety.notifications";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Importance = delivery.Urgency == Notices.Urgency.Immediate ? MessageImportance.High : MessageImportance.Normal;
        message.Body = new TextPart("plain") { Text = delivery.Body };
        return message;
    }
}
