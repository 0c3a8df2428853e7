using Microsoft.Extensions.Options;
using TrustSafety.FilteringIngest.Adapters;
using TrustSafety.FilteringIngest.Attribution;
using TrustSafety.FilteringIngest.Ingesting;
using TrustSafety.FilteringIngest.Normalisation;
using TrustSafety.FilteringIngest.Receiving;
using TrustSafety.FilteringIngest.Sources;
using TrustSafety.FilteringIngest.Syslog;

namespace TrustSafety.FilteringIngest;

public static class FilteringIngestSetup
{
    public static WebApplicationBuilder AddFilteringIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section)
            .Validate(o => o.SecretEncryptionKey.Length >= 32, "Ingest:SecretEncryptionKey must be at least 32 characters of secret key material.")
            .Validate(o => o.MaxBodyBytes is > 0 and <= 64 * 1024 * 1024, "Ingest:MaxBodyBytes must be between 1 byte and 64 MB.")
            .Validate(o => string.IsNullOrWhiteSpace(o.DeviceRegisterUrl) || Uri.TryCreate(o.DeviceRegisterUrl, UriKind.Absolute, out _),
                "Ingest:DeviceRegisterUrl must be an absolute URL or empty.")
            .ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(_ => new FormatAdapters());
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<SourceDirectory>();
        builder.Services.AddSingleton<SourceRateLimiter>();
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
        Viewing.FilterEventViews.MapFilterEventViews(app);
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
