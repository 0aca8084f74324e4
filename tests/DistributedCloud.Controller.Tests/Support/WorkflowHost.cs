using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>
/// The controller's workflow side in a generic Host, as the controller process composes it: the store's services
/// registered by hand, then <c>AddControllerWorkflows</c> with the given configuration.
/// </summary>
internal sealed class WorkflowHost : IAsyncDisposable
{
    /// <summary>Short loop timings, so retries and sweeps happen within a test.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastTimings = new Dictionary<string, string?>
    {
        ["Workflows:AgentRetryDelay"] = "00:00:00.050",
        ["Workflows:HostActionPollInterval"] = "00:00:00.010",
        ["Workflows:OutboxSweepInterval"] = "00:00:00.500",
        ["Workflows:ExecutorTickInterval"] = "00:00:00.200",
    };

    private WorkflowHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static IHost Build(ControllerDatabase database, ISubcloudAgentClient agents, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(FastTimings.Concat(settings).GroupBy(p => p.Key).Select(g => g.Last()));
        builder.Services.AddSingleton(database);
        // The bus's waits (the retry of an unreachable agent, host-action polls) run on real time here, as the
        // scenarios wait in real time; the store keeps the hand-moved clock for what it records. The fake clock's
        // timers fire only when a test moves it, so a retry scheduled on it never came.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new StrategyService(database));
        builder.Services.AddSingleton(new WorkflowOutbox(database));
        builder.Services.AddSingleton(new SubcloudRegistry(database, Fleet.ControllerSite()));
        builder.Services.AddSingleton(agents);
        builder.Services.AddControllerWorkflows(builder.Configuration);
        return builder.Build();
    }

    public static async Task<WorkflowHost> StartAsync(ControllerDatabase database, ISubcloudAgentClient agents, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var host = Build(database, agents, settings ?? []);
        await host.StartAsync();
        return new WorkflowHost(host);
    }

    public T Get<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task StopAsync() => await Host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}
