using DistributedCloud.Controller.Core.Strategies.Execution;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Controller.Core.Workflows.Execution;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>The controller's workflow bus and strategy executor, composed with one call (D-15..D-21).</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MassTransit bus (<c>Bus:Transport</c> = InMemory | RabbitMq), the outbox publisher, the
    /// <see cref="RunWorkflow"/> consumer, the strategy executor, <see cref="WorkflowSignals"/> and
    /// <see cref="HostWorkflows"/>. Expects <c>ControllerDatabase</c>, <c>StrategyService</c>, <c>WorkflowOutbox</c>,
    /// <c>SubcloudRegistry</c>, <c>ISubcloudAgentClient</c> and <c>TimeProvider</c> to be registered. Bad <c>Bus</c>
    /// or <c>Workflows</c> keys fail the host's start, every one listed.
    /// </summary>
    public static IServiceCollection AddControllerWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = WorkflowConfiguration.Read(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Bus);
        services.AddSingleton(settings.Workflows);
        services.AddOptions<BusOptions>().Configure(options =>
        {
            options.Transport = settings.Bus.Transport;
            options.RabbitMq = settings.Bus.RabbitMq;
        }).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BusOptions>, WorkflowConfigurationValidator>());

        services.TryAddSingleton<WorkflowSignals>();
        services.TryAddSingleton<HostWorkflows>();
        services.AddSingleton<AgentWork>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<WorkflowRetries>();

        services.AddMassTransit(bus =>
        {
            // MassTransit reports usage to its vendor over the internet by default; a controller talks to its own
            // broker and agents only.
            bus.DisableUsageTelemetry();
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter("dc-controller", includeNamespace: false));
            bus.AddConsumer<RunWorkflowConsumer>(consumer => consumer.ConcurrentMessageLimit = settings.Workflows.ConcurrentWorkflows);
            if (settings.Bus.Transport == BusTransport.RabbitMq)
            {
                var rabbit = settings.Bus.RabbitMq;
                bus.UsingRabbitMq((context, transport) =>
                {
                    transport.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, host =>
                    {
                        host.Username(rabbit.Username);
                        host.Password(rabbit.Password);
                    });
                    transport.PrefetchCount = settings.Workflows.ConcurrentWorkflows;
                    transport.ConfigureEndpoints(context);
                });
            }
            else
            {
                bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
            }
        });
        services.AddOptions<MassTransitHostOptions>().Configure(host =>
        {
            // The publisher starts after the bus is up, so nothing is published into a transport still connecting.
            host.WaitUntilStarted = true;
            host.StopTimeout = TimeSpan.FromSeconds(10);
        });

        services.AddHostedService(provider => provider.GetRequiredService<WorkflowRetries>());
        services.AddHostedService<OutboxPublisher>();
        services.AddHostedService<StrategyExecutor>();
        return services;
    }
}
