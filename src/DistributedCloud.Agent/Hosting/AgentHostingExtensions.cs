using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Agent.Security;
using DistributedCloud.Agent.Service;
using DistributedCloud.Site.Hosting;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Grpc;
using DistributedCloud.Site.Hosting.Health;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Hosting;

/// <summary>The agent's registrations and start sequence; Program.cs only composes these.</summary>
public static class AgentHostingExtensions
{
    private static readonly SiteHostRole Role = new("agent", IsSystemController: false);

    /// <summary>Registers the agent: the shared site host, the leadership record, the recorded and fenced SubcloudAgent service, telemetry.</summary>
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSiteHost<AgentOptions, AgentOptionsValidator>(Role, AgentOptions.SectionName, new AccessAdvice(
            "A standalone agent wrote a dcctl configuration at its first start (DATA_DIR/access/dcctl.yaml: dcctl --config FILE or DCCTL_CONFIG); "
            + "an enrolled agent is reached through its controller, or directly with 'dcctl subcloud access NAME' (S-5a)."));
        var services = builder.Services;
        services.AddSingleton<StandaloneTokens>();
        services.AddSingleton<IAdminTokenVerifier>(sp => sp.GetRequiredService<StandaloneTokens>());
        services.AddSingleton<AgentCredentials>();
        // S-4, S-5a: client certificates of the controllers in the trust bundle, and access certificates of this subcloud.
        services.AddSingleton<ICallerCertificatePolicy, AgentCallerPolicy>();
        services.AddSingleton<LeadershipStore>();
        services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<HostedSite>();
            return new SiteReadiness(() => site.IsReady ? null : "the site is not open (starting or stopping)");
        });

        // Every call is recorded first (how it arrived, N-35), answered only once the site is open, then fenced (G-10);
        // health and reflection are none of these.
        services.AddSingleton<CallRecordInterceptor>();
        services.AddSingleton<ReadinessInterceptor>();
        services.AddSingleton<FencingInterceptor>();
        services.AddGrpc().AddServiceOptions<AgentService>(o =>
        {
            o.Interceptors.Add<CallRecordInterceptor>();
            o.Interceptors.Add<ReadinessInterceptor>();
            o.Interceptors.Add<FencingInterceptor>();
        });
        services.AddSingleton(sp =>
        {
            var leadership = sp.GetRequiredService<LeadershipStore>();
            var site = sp.GetRequiredService<HostedSite>();
            return new AgentTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                () => (long)Math.Min(leadership.Current.Epoch, long.MaxValue), () => site.IsReady ? 1 : 0);
        });
        return builder;
    }

    /// <summary>Serves the agent's gRPC services (the platform API, enrollment), the standard health and reflection services, and on the --http-listen port only health and metrics.</summary>
    public static WebApplication MapAgent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Before authentication: an agent waiting for enrollment answers nothing but enrollment and health (S-2).
        app.UseEnrollmentGate();
        app.MapSiteHost<AgentOptions>();
        app.MapGrpcService<AgentService>();
        app.MapGrpcService<AgentEnrollmentService>();
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
            Prepare = (sp, directory) =>
            {
                sp.GetRequiredService<LeadershipStore>().Load(directory);
                var credentials = sp.GetRequiredService<AgentCredentials>();
                credentials.Open(directory, sp.GetRequiredService<IOptions<AgentOptions>>().Value);
                if (credentials.WroteConfig is { } config)
                {
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Agent").StandaloneAccessWritten(config);
                }
            },
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
