using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TrustSafety.EventSourcing.Messaging;

public sealed class RabbitMqOptions
{
    public const string Section = "RabbitMq";
    public string Host { get; set; } = "127.0.0.1";
    public ushort Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
    /// <summary>Declare quorum queues (for a RabbitMQ cluster).</summary>
    public bool QuorumQueues { get; set; }
    /// <summary>Prefix for this service's queue names, so two services consuming the same event each get a copy.</summary>
    public string? EndpointPrefix { get; set; }
}

public static class MessagingSetup
{
    /// <summary>
    /// MassTransit on RabbitMQ: kebab-case queues prefixed with the service name, in-process retries, then the
    /// <c>_error</c> queue (no delayed redelivery: the broker here has no delayed-exchange plugin).
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator>? configure = null)
    {
        builder.Services.AddOptions<RabbitMqOptions>().BindConfiguration(RabbitMqOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Host), "RabbitMq:Host is required")
            .ValidateOnStart();

        builder.Services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(
                builder.Configuration[$"{RabbitMqOptions.Section}:EndpointPrefix"] ?? serviceName, false));
            configure?.Invoke(x);
            x.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit
                    && context.GetRequiredService<IOptions<RabbitMqOptions>>().Value.QuorumQueues)
                    rabbit.SetQuorumQueue();
            });
            x.UsingRabbitMq((context, cfg) =>
            {
                var o = context.GetRequiredService<IOptions<RabbitMqOptions>>().Value;
                cfg.Host(o.Host, o.Port, o.VirtualHost, h =>
                {
                    h.Username(o.Username);
                    h.Password(o.Password);
                    h.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                });
                cfg.UseMessageRetry(r => r.Intervals(100, 500, 1000));
                cfg.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    /// <summary>Registers the outbox forwarder for this service's committed events.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression ForwardIntegrationEvents<TMapper>(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
        where TMapper : class, EventStore.IIntegrationEventMapper
    {
        marten.Services.AddSingleton<EventStore.IIntegrationEventMapper, TMapper>();
        return marten.AddSubscriptionWithServices<EventStore.IntegrationEventForwarder>(ServiceLifetime.Singleton);
    }
}
