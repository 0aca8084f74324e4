using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Agent.Service;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Hosting;
using DistributedCloud.Site.Hosting;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Diagnostics;
using DistributedCloud.Site.Hosting.Endpoints;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Hosting;

/// <summary>The agent's registrations and start sequence; Program.cs only composes these.</summary>
public static class AgentHostingExtensions
{
    private static readonly SiteHostRole Role = new("agent", IsSystemController: false);

    /// <summary>Registers the agent: options validated at start, the site, fencing, the gRPC service, telemetry, endpoints.</summary>
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSiteHostLogging();
        var services = builder.Services;
        services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.AddRpcServer(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LeadershipStore>();
        services.AddSingleton(sp => new HostedSite(() => sp.GetRequiredService<IOptions<AgentOptions>>().Value, Role, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<FencingFilter>();
        services.AddSingleton<CallRecordFilter>();
        services.AddSingleton<AgentService>();
        services.AddSingleton(_ => new PrometheusExporter());
        services.AddSingleton(sp =>
        {
            var leadership = sp.GetRequiredService<LeadershipStore>();
            var site = sp.GetRequiredService<HostedSite>();
            return new AgentTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                () => (long)Math.Min(leadership.Current.Epoch, long.MaxValue), () => site.IsReady ? 1 : 0);
        });

        builder.ListenOnSiteHostEndpoints<AgentOptions>();
        return builder;
    }

    /// <summary>Serves the agent's gRPC service (calls recorded, then fenced) and, on the --http-listen port only, health and metrics.</summary>
    public static WebApplication MapAgent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<AgentOptions>>();
        var site = app.Services.GetRequiredService<HostedSite>();
        app.Use(HealthEndpoints.Middleware(() => options.Value.HttpListen,
            () => site.IsReady ? null : "the site is not open (starting or stopping)", app.Services.GetRequiredService<PrometheusExporter>()));
        app.MapRpcService<AgentService>(AgentReflection.Descriptor.Services[0],
            app.Services.GetRequiredService<CallRecordFilter>(), app.Services.GetRequiredService<FencingFilter>());
        app.MapRpcUnimplemented();
        return app;
    }

    /// <summary>The site host's start sequence with the agent's parts: the leadership record, the "site ready" line.</summary>
    public static Task<int> RunAgentAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.RunSiteHostAsync(new SiteHostRun
        {
            Program = "DistributedCloud.Agent",
            Service = "distributedcloud.agent.v1.SubcloudAgent",
            Documentation = "docs/agent.md",
            Settings = [sp => sp.GetRequiredService<IOptions<AgentOptions>>().Value],
            SiteSettings = sp => sp.GetRequiredService<IOptions<AgentOptions>>().Value,
            Migrate = async sp => [await SiteHostExtensions.MigrateSiteAsync(sp.GetRequiredService<IOptions<AgentOptions>>().Value)],
            Prepare = (sp, directory) => sp.GetRequiredService<LeadershipStore>().Load(directory),
            Opened = (sp, _) =>
            {
                var site = sp.GetRequiredService<HostedSite>().Manager.GetSite();
                var current = sp.GetRequiredService<LeadershipStore>().Current;
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Agent").SiteReady(site.SystemUuid, site.Mode.ToString(),
                    site.PrimaryFamily.ToString(), current.ControllerId.Length == 0 ? "(none)" : current.ControllerId, current.Epoch);
                return Task.CompletedTask;
            },
        });
    }
}
