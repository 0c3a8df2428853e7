using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Attribution;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.ManagingCrosswalks;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.FilteringIngest.ReceivingWebhooks;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.FilteringIngest.SweepingRetention;
using TrustSafety.FilteringIngest.ReceivingSyslog;
using TrustSafety.Platform;

namespace TrustSafety.FilteringIngest;

public static class FilteringIngestSetup
{
    public static WebApplicationBuilder AddFilteringIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.SecretEncryptionKey.Length >= 32, "Ingest:SecretEncryptionKey must be at least 32 characters of secret key material.")
            .Validate(o => o.MaxBodyBytes is > 0 and <= 64 * 1024 * 1024, "Ingest:MaxBodyBytes must be between 1 byte and 64 MB.")
            .Validate(o => o.DefaultRateLimitPerSecond is >= 1 and <= 100_000, "Ingest:DefaultRateLimitPerSecond must be between 1 and 100000.")
            .Validate(o => o.FailingCallerPerMinute >= 1 && o.FailingCallerBurst >= 1,
                "Ingest:FailingCallerPerMinute and Ingest:FailingCallerBurst must be at least 1.")
            .Validate(o => o.TrustedProxies.All(SenderAllowList.IsValidEntry), "Ingest:TrustedProxies must hold IP addresses or CIDR ranges.")
            .Validate(o => o.SourceCacheEntries is >= 100 and <= 1_000_000, "Ingest:SourceCacheEntries must be between 100 and 1000000.")
            .Validate(o => o.AttributionCacheEntries is >= 100 and <= 5_000_000, "Ingest:AttributionCacheEntries must be between 100 and 5000000.")
            .Validate(o => o.Syslog.MinIPv4PrefixLength is >= 8 and <= 32 && o.Syslog.MinIPv6PrefixLength is >= 16 and <= 128,
                "Ingest:Syslog:MinIPv4PrefixLength must be 8–32 and Ingest:Syslog:MinIPv6PrefixLength 16–128 (0.0.0.0/0 is never accepted).")
            .Validate(o => string.IsNullOrWhiteSpace(o.DeviceRegisterUrl) || Uri.TryCreate(o.DeviceRegisterUrl, UriKind.Absolute, out _),
                "Ingest:DeviceRegisterUrl must be an absolute URL or empty.")
            .ValidateOnStart();
        builder.Services.AddOptions<IngestRetentionOptions>().BindConfiguration(IngestRetentionOptions.Section)
            .Validate(o => o.RawVendorPayloadDays is >= 1 and <= 3650, "Retention:RawVendorPayloadDays must be 1–3650 days.")
            .Validate(o => o.FilterEventDetailDays is >= 1 and <= 3650, "Retention:FilterEventDetailDays must be 1–3650 days.")
            .Validate(o => o.SweepInterval >= TimeSpan.FromSeconds(1) && o.SweepInterval <= TimeSpan.FromDays(1),
                "Retention:SweepInterval must be between 1 second and 1 day.")
            .ValidateOnStart();
        builder.Services.AddSingleton(_ => new FormatAdapters());
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<SourceDirectory>();
        builder.Services.AddSingleton<SourceRateLimiter>();
        builder.Services.AddSingleton<FailingCallerLimiter>();
        builder.Services.AddTrustSchools();
        builder.Services.AddSingleton<CrosswalkCatalog>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CrosswalkCatalog>());
        builder.AddDeviceRegisterAttribution();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<WebhookReceiver>();
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        builder.Services.AddSingleton<SyslogIngest>();
        builder.Services.AddSingleton<SyslogListeners>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SyslogListeners>());
        return builder;
    }

    public static WebApplication MapFilteringIngest(this WebApplication app)
    {
        app.MapWebhooks();
        app.MapSourcesApi();
        app.MapCrosswalksApi();
        ViewingFilterEvents.FilterEventViews.MapFilterEventViews(app);
        ViewingSchoolAlerts.SchoolAlertsView.MapSchoolAlertsView(app);
        app.MapGet("/schemas/canonical-filter-event.json", () =>
            {
                using var stream = typeof(EntryPoint).Assembly.GetManifestResourceStream("canonical-filter-event.schema.json")!;
                using var reader = new StreamReader(stream);
                return TypedResults.Text(reader.ReadToEnd(), "application/schema+json");
            })
            .AllowAnonymous().WithTags("Webhooks").WithName("GetCanonicalFilterEventSchema");
        return app;
    }
}
