using Microsoft.Extensions.Options;

namespace TrustSafety.Notifications;

/// <summary><c>Notifications:*</c>: the school's SMTP relay, the dashboard links point at, and the retry schedule.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>The dashboard's public address; every email links here and nowhere else.</summary>
    public string DashboardBaseUrl { get; set; } = "http://127.0.0.1:5080/";
    public SmtpOptions Smtp { get; set; } = new();
    public DeliveryOptions Delivery { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 2525;
    /// <summary>true: TLS required (implicit TLS on port 465, STARTTLS elsewhere); false: plain SMTP (a local relay only).</summary>
    public bool UseTls { get; set; }
    /// <summary>Empty: the relay takes mail without authentication (e.g. an IP-allow-listed Microsoft 365 or Google relay).</summary>
    public string Username { get; set; } = "";
    public string Password { get; set; } = "";
    public string From { get; set; } = "TrustSafety <safeguarding-noreply@trustsafety.invalid>";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class DeliveryOptions
{
    /// <summary>How often the elected replica looks for emails due to be sent.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan[] DefaultRetryDelays =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>
    /// Waits after the 1st, 2nd… failed attempt; when they run out the email is dead-lettered (attempts = delays + 1).
    /// Empty (the default) means <see cref="DefaultRetryDelays"/>: the configuration binder appends to an array, so the
    /// default cannot live in the initialiser.
    /// </summary>
    public TimeSpan[] RetryDelays { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Length > 0 ? RetryDelays : DefaultRetryDelays;
    /// <summary>At most this many emails per pass, so one school's backlog never starves the loop.</summary>
    public int BatchSize { get; set; } = 50;
}

public static class NotificationsOptionsSetup
{
    public static WebApplicationBuilder AddNotificationsOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section)
            .Validate(o => Uri.TryCreate(o.DashboardBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https",
                "Notifications:DashboardBaseUrl must be an absolute http(s) URL: the dashboard every email links to.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Smtp.Host), "Notifications:Smtp:Host is required: the school's SMTP relay.")
            .Validate(o => o.Smtp.Port is > 0 and <= 65535, "Notifications:Smtp:Port must be a TCP port (25, 465, 587…).")
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.Smtp.From, out _),
                "Notifications:Smtp:From must be a mailbox, e.g. \"TrustSafety <noreply@school.example>\".")
            .Validate(o => string.IsNullOrEmpty(o.Smtp.Username) == string.IsNullOrEmpty(o.Smtp.Password),
                "Notifications:Smtp:Username and Password go together: set both, or neither for an unauthenticated relay.")
            .Validate(o => o.Delivery.PollInterval > TimeSpan.Zero && o.Delivery.BatchSize > 0,
                "Notifications:Delivery:PollInterval and BatchSize must be positive.")
            .Validate(o => o.Delivery.RetryDelays.All(d => d > TimeSpan.Zero),
                "Notifications:Delivery:RetryDelays must all be positive durations.")
            .ValidateOnStart();
        return builder;
    }
}
