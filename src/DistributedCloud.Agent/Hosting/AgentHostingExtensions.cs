using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Agent.Service;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Rpc.Hosting;
using DistributedCloud.Rpc.Server;
using DistributedCloud.Rpc.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Hosting;

/// <summary>The agent's registrations and start sequence; Program.cs only composes these.</summary>
public static class AgentHostingExtensions
{
    /// <summary>A host builder whose configuration is: appsettings.json beside the binary, the --config file, the environment, then the flags.</summary>
    public static WebApplicationBuilder CreateAgentBuilder(AgentCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (commandLine.ConfigFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
        }

        builder.Configuration.AddInMemoryCollection(commandLine.Settings);
        builder.Services.AddSingleton(new AgentRunMode(commandLine.Migrate));
        return builder;
    }

    /// <summary>Registers the agent: options validated at start, the site, fencing, the gRPC service, telemetry, endpoints.</summary>
    public static WebApplicationBuilder AddAgent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("DistributedCloud.Rpc", LogLevel.Warning);

        var services = builder.Services;
        services.AddOptions<AgentOptions>().Bind(builder.Configuration.GetSection(AgentOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>());
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        services.AddRpcServer(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LeadershipStore>();
        services.AddSingleton<AgentSite>();
        services.AddSingleton<FencingFilter>();
        services.AddSingleton<AgentService>();
        services.AddSingleton<PrometheusExporter>();
        services.AddSingleton<ArrivalRecorder>();
        services.AddSingleton(sp =>
        {
            var leadership = sp.GetRequiredService<LeadershipStore>();
            var site = sp.GetRequiredService<AgentSite>();
            return new AgentTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
                () => (long)Math.Min(leadership.Current.Epoch, long.MaxValue), () => site.IsReady ? 1 : 0);
        });

        builder.WebHost.ConfigureKestrel((_, kestrel) => ListenOnConfiguredEndpoints(kestrel));
        return builder;
    }

    /// <summary>Serves the agent's gRPC service (behind the fencing filter) and, on the --http-listen port only, health and metrics.</summary>
    public static WebApplication MapAgent(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<AgentOptions>>();
        app.Use(HealthEndpoints.Middleware(options, app.Services.GetRequiredService<AgentSite>(), app.Services.GetRequiredService<PrometheusExporter>()));
        app.Use(app.Services.GetRequiredService<ArrivalRecorder>().InvokeAsync);
        app.MapRpcService<AgentService>(AgentReflection.Descriptor.Services[0], app.Services.GetRequiredService<FencingFilter>());
        app.MapRpcUnimplemented();
        return app;
    }

    /// <summary>
    /// Checks the settings (every bad key at once, exit 2), then either migrates and exits, or opens the site (a refusal
    /// exits 1), serves until SIGTERM/SIGINT, and closes the site after the last call.
    /// </summary>
    public static async Task<int> RunAgentAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var failures = Validate(app.Services);
        if (failures.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"DistributedCloud.Agent: {failures.Count} setting(s) are wrong; nothing was started:\n  - {string.Join("\n  - ", failures)}\nSee --help and docs/agent.md.");
            return 2;
        }

        var options = app.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Agent");
        if (app.Services.GetRequiredService<AgentRunMode>().MigrateOnly)
        {
            var siteOptions = new Site.SiteManagerOptions { DataDirectory = Path.GetFullPath(options.DataDirectory!) };
            var applied = await Site.SiteManager.MigrateAsync(siteOptions);
            logger.Migrated(siteOptions.DatabasePath, applied.Count == 0 ? "none" : string.Join(", ", applied));
            return 0;
        }

        var site = app.Services.GetRequiredService<AgentSite>();
        try
        {
            await site.OpenAsync(app.Lifetime.ApplicationStopping);
        }
        catch (AgentStartException refused)
        {
            logger.StartRefused(refused.Message);
            await Console.Error.WriteLineAsync($"DistributedCloud.Agent: refusing to start: {refused.Message}");
            return 1;
        }

        app.Lifetime.ApplicationStopping.Register(site.BeginStop);
        app.Lifetime.ApplicationStarted.Register(() => logger.Listening(
            string.Join(", ", options.ListenUrls), string.IsNullOrWhiteSpace(options.HttpListen) ? "(none)" : options.HttpListen));
        try
        {
            await app.RunAsync();
        }
        finally
        {
            await site.DisposeAsync();
        }

        return 0;
    }

    private static List<string> Validate(IServiceProvider services)
    {
        var failures = new List<string>();
        foreach (var read in new Action[]
        {
            () => _ = services.GetRequiredService<IOptions<AgentOptions>>().Value,
            () => _ = services.GetRequiredService<IOptions<RpcServerOptions>>().Value,
        })
        {
            try
            {
                read();
            }
            catch (OptionsValidationException invalid)
            {
                failures.AddRange(invalid.Failures);
            }
            catch (InvalidOperationException unbindable)
            {
                // A value the binder cannot convert (e.g. "yes" for a boolean).
                failures.Add(unbindable.Message);
            }
        }

        return failures;
    }

    private static void ListenOnConfiguredEndpoints(KestrelServerOptions kestrel)
    {
        AgentOptions options;
        RpcServerOptions rpc;
        try
        {
            options = kestrel.ApplicationServices.GetRequiredService<IOptions<AgentOptions>>().Value;
            rpc = kestrel.ApplicationServices.GetRequiredService<IOptions<RpcServerOptions>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            // Kestrel reads its endpoints while the host is built; RunAgentAsync reports every bad setting before it starts.
            return;
        }

        if (rpc.KeepAliveInterval is { } interval)
        {
            kestrel.Limits.Http2.KeepAlivePingDelay = interval;
            kestrel.Limits.Http2.KeepAlivePingTimeout = rpc.KeepAliveTimeout;
        }

        var addresses = options.ListenUrls.Select(text => ListenAddress.TryParse(text, out var address, out _) ? address! : null).OfType<ListenAddress>().ToArray();
        var tls = addresses.Any(a => a.Tls) ? RpcServerTls.FromOptions(rpc.Tls) : null;
        foreach (var address in addresses)
        {
            kestrel.ListenRpc(address.EndPoint, address.Tls ? tls : null);
        }

        if (!string.IsNullOrWhiteSpace(options.HttpListen) && ListenAddress.TryParse(options.HttpListen, out var http, out _))
        {
            kestrel.Listen(http!.EndPoint, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }
}
