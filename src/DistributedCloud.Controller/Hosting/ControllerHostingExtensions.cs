using System.Diagnostics.Metrics;
using DistributedCloud.Controller.Access;
using DistributedCloud.Controller.Audit;
using DistributedCloud.Controller.Configuration;
using DistributedCloud.Controller.Core.Access;
using DistributedCloud.Controller.Core.Agents;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Enrollment;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Controller.Diagnostics;
using DistributedCloud.Controller.Platform;
using DistributedCloud.Controller.Service;
using DistributedCloud.Site.Hosting;
using DistributedCloud.Site.Hosting.Grpc;
using DistributedCloud.Site.Hosting.Health;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Sites;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Controller.Core.Identity;
using DistributedCloud.Controller.Security;
using DistributedCloud.Security.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Hosting;

/// <summary>The controller's registrations and start sequence; Program.cs only composes these.</summary>
public static class ControllerHostingExtensions
{
    private static readonly SiteHostRole Role = new("controller", IsSystemController: true);

    /// <summary>
    /// Registers the controller: settings validated at start, its own site (opened like an agent's), the store and the
    /// domain services on it, the agent client, the audit loop, the admin API, telemetry, endpoints.
    /// </summary>
    public static WebApplicationBuilder AddController(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSiteHost<ControllerOptions, ControllerOptionsValidator>(Role, ControllerOptions.SectionName, new AccessAdvice(
            "Use the dcctl configuration the controller wrote at its first start (DATA_DIR/access/dcctl.yaml: dcctl --config FILE, "
            + "DCCTL_CONFIG, or copy it to ~/.config/dcctl/config.yaml), or a token from an administrator (--token, DCCTL_TOKEN)."));
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.AddOptions<AgentClientOptions>().Bind(configuration.GetSection(AgentClientOptions.Section));
        services.AddOptions<SubcloudRegistryOptions>().Bind(configuration.GetSection(SubcloudRegistryOptions.Section));
        services.AddOptions<StrategyOptions>().Bind(configuration.GetSection(StrategyOptions.Section));
        services.AddSingleton<DomainOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, DomainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentClientOptions>, DomainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubcloudRegistryOptions>, DomainOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StrategyOptions>, DomainOptionsValidator>());

        // The store and the domain services on it are plain registrations; nothing touches controller.db until the start
        // sequence opens it (after the listeners are bound), and the background work waits for that (WhenOpen).
        services.AddSingleton(sp => ControllerDatabase.Create(sp.GetRequiredService<IOptions<ControllerOptions>>().Value.StorePath,
            sp.GetRequiredService<ILoggerFactory>(), new ControllerTelemetry(sp.GetRequiredService<IMeterFactory>()), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SubcloudRegistry(sp.GetRequiredService<ControllerDatabase>(),
            () => OwnSiteNetworks.From(sp.GetRequiredService<HostedSite>().Manager.GetSite()),
            sp.GetRequiredService<IOptions<SubcloudRegistryOptions>>().Value, sp.GetRequiredService<IOptions<AuditOptions>>().Value));
        services.AddSingleton(sp => new StrategyService(sp.GetRequiredService<ControllerDatabase>(), sp.GetRequiredService<IOptions<StrategyOptions>>().Value));
        services.AddSingleton<ControllerStore>();
        // S-1: the CA and the controller's certificate, opened in the start sequence once the site's uuid is known.
        services.AddSingleton(sp => new ControllerPki(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICallerCertificatePolicy, AdminCertificatePolicy>();
        services.AddSingleton(sp => new WorkflowOutbox(sp.GetRequiredService<ControllerDatabase>()));
        // S-6..S-8: admin tokens, the audit log and its retention, the audit interceptor.
        services.AddControllerAccess(configuration);
        // D-19..D-21: host workflows and strategy steps run through the bus (in-memory unless Bus:Transport=RabbitMq).
        services.AddControllerWorkflows(configuration);
        // S-2, S-3: join tokens and agent certificates on the store; the serials the TLS check accepts kept in memory.
        services.AddSingleton(sp => new SubcloudEnrollment(sp.GetRequiredService<ControllerDatabase>(), sp.GetRequiredService<SubcloudRegistry>(),
            sp.GetRequiredService<ControllerPki>(), sp.GetRequiredService<IOptions<SubcloudRegistryOptions>>().Value, sp.GetService<IAccessAudit>()));
        // S-5a: break-glass access certificates for enrolled agents.
        services.AddSingleton(sp => new AccessCertificates(sp.GetRequiredService<SubcloudRegistry>(), sp.GetRequiredService<SubcloudEnrollment>(), sp.GetRequiredService<ControllerPki>()));
        // S-4: mutual TLS to agents (plaintext only to loopback agents in development mode).
        services.AddSingleton(sp =>
        {
            var security = sp.GetRequiredService<IOptions<SecurityOptions>>().Value;
            return new AgentTls(sp.GetRequiredService<ControllerPki>(), sp.GetRequiredService<SubcloudEnrollment>(), security.DevelopmentMode, security.ClockSkew,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller.Agents"));
        });
        // One channel per subcloud, primary family only (N-35), fencing identity on every call (G-10).
        services.AddSingleton(AgentChannels);
        services.AddSingleton(sp => new AgentEnroller(sp.GetRequiredService<AgentChannels>(), sp.GetRequiredService<AgentTls>(),
            sp.GetRequiredService<IOptions<AgentClientOptions>>().Value, sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller.Enrollment")));
        services.AddSingleton<ISubcloudAgentClient>(sp => new GrpcSubcloudAgentClient(sp.GetRequiredService<AgentChannels>(), sp.GetRequiredService<AgentEnroller>(), sp.GetRequiredService<AgentTls>()));
        services.AddSingleton(sp => new AuditLoop(
            sp.GetRequiredService<ISubcloudAgentClient>(),
            sp.GetRequiredService<SubcloudRegistry>(),
            sp.GetRequiredService<StrategyService>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ControllerHostTelemetry>(),
            sp.GetRequiredService<ILogger<AuditLoop>>()));
        services.AddHostedService(sp => sp.GetRequiredService<AuditLoop>());
        services.AddSingleton<SubcloudProxy>();
        services.AddSingleton<SubcloudHostActions>();
        services.AddSingleton<SubcloudForwardingInterceptor>();
        // The platform API of the own site, and of every subcloud through dc-subcloud (architecture decision 2).
        // Both answer only once the site and the store are open; their operator and admin calls are audited (S-8),
        // forwarded ones included.
        services.AddSingleton<ReadinessInterceptor>();
        services.AddGrpc()
            .AddServiceOptions<ControllerSiteService>(o =>
            {
                o.Interceptors.Add<ReadinessInterceptor>();
                o.Interceptors.Add<AuditInterceptor>();
                o.Interceptors.Add<SubcloudForwardingInterceptor>();
            })
            .AddServiceOptions<SystemControllerService>(o =>
            {
                o.Interceptors.Add<ReadinessInterceptor>();
                o.Interceptors.Add<AuditInterceptor>();
            });
        services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<HostedSite>();
            var store = sp.GetRequiredService<ControllerStore>();
            return new SiteReadiness(() => !site.IsReady ? "the own site is not open (starting or stopping)" : !store.IsOpen ? "the controller's store is not open" : null);
        });
        services.AddSingleton(sp =>
        {
            var site = sp.GetRequiredService<HostedSite>();
            var store = sp.GetRequiredService<ControllerStore>();
            var registry = sp.GetRequiredService<SubcloudRegistry>();
            var strategies = sp.GetRequiredService<StrategyService>();
            // The fleet gauges read the store once per scrape (two grouped queries and the strategy's row), and
            // nothing while it is closed. The reads are synchronous because observable instruments are; SQLite's
            // commands complete synchronously in any case.
            var fleet = new FleetGauges(
                () => store.IsOpen
                    ? new FleetSnapshot(registry.CountAsync().GetAwaiter().GetResult(), strategies.ProgressAsync().GetAwaiter().GetResult())
                    : null,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller.Metrics"));
            return new ControllerHostTelemetry(sp.GetRequiredService<IMeterFactory>(), () => site.IsReady && store.IsOpen ? 1 : 0, fleet);
        });
        return builder;
    }

    /// <summary>Serves the admin API and the platform API, the standard health and reflection services, and on the --http-listen port only health and metrics.</summary>
    public static WebApplication MapController(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSiteHost<ControllerOptions>();
        app.MapGrpcService<SystemControllerService>();
        app.MapGrpcService<ControllerSiteService>();
        return app;
    }

    /// <summary>The site host's start sequence with the controller's parts: controller.db migrated and opened after the site.</summary>
    public static Task<int> RunControllerAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.RunSiteHostAsync(new SiteHostRun
        {
            Program = "DistributedCloud.Controller",
            Service = "distributedcloud.controller.v1.SystemController",
            Documentation = "docs/controller.md",
            Settings =
            [
                sp => sp.GetRequiredService<IOptions<ControllerOptions>>().Value,
                sp => sp.GetRequiredService<IOptions<AuditOptions>>().Value,
                sp => sp.GetRequiredService<IOptions<AgentClientOptions>>().Value,
                sp => sp.GetRequiredService<IOptions<SubcloudRegistryOptions>>().Value,
                sp => sp.GetRequiredService<IOptions<StrategyOptions>>().Value,
                sp => sp.GetRequiredService<IOptions<AuditLogOptions>>().Value,
            ],
            SiteSettings = sp => sp.GetRequiredService<IOptions<ControllerOptions>>().Value,
            Migrate = async sp =>
            {
                var options = sp.GetRequiredService<IOptions<ControllerOptions>>().Value;
                var site = await SiteHostExtensions.MigrateSiteAsync(options);
                var store = await ControllerStore.MigrateAsync(options.StorePath, sp.GetRequiredService<ILoggerFactory>());
                return [site, (store, ["(EF Core migrations, applied at open)"])];
            },
            Opened = async (sp, cancellationToken) =>
            {
                OpenPki(sp);
                var store = sp.GetRequiredService<ControllerStore>();
                await store.OpenAsync(cancellationToken);
                await sp.GetRequiredService<SubcloudEnrollment>().LoadAsync(cancellationToken);
                var options = sp.GetRequiredService<IOptions<ControllerOptions>>().Value;
                if (await BootstrapAccess.EnsureAsync(sp.GetRequiredService<AdminTokenStore>(), sp.GetRequiredService<ControllerPki>(),
                    Path.GetFullPath(options.DataDirectory!), options.ListenUrls, cancellationToken) is { } written)
                {
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller").BootstrapAccessWritten(written);
                }

                // Every strategy change (apply, abort, a step's end, D-17 availability) wakes the executor at once.
                var signals = sp.GetRequiredService<WorkflowSignals>();
                sp.GetRequiredService<StrategyService>().Changed += (_, _) => signals.StrategyChanged();
                var site = sp.GetRequiredService<HostedSite>().Manager.GetSite();
                var subclouds = await sp.GetRequiredService<SubcloudRegistry>().ListAsync(cancellationToken);
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller").ControllerReady(site.SystemUuid, site.Mode.ToString(),
                    site.NetworkMode, site.PrimaryFamily.ToString(), sp.GetRequiredService<ControllerDatabase>().DatabasePath, subclouds.Count);
            },
        });
    }

    /// <summary>The CA and the controller's certificate (S-1), then the listeners present it.</summary>
    private static void OpenPki(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ControllerOptions>>().Value;
        var pki = services.GetRequiredService<ControllerPki>();
        var addresses = options.ListenUrls.Select(u => ListenAddress.TryParse(u, out var a, out _) ? a!.EndPoint.Address : null).OfType<System.Net.IPAddress>();
        try
        {
            pki.Open(Path.GetFullPath(options.DataDirectory!), ControllerId(services), addresses);
        }
        catch (InvalidDataException unusable)
        {
            throw new SiteStartException(unusable.Message, unusable);
        }

        services.GetRequiredService<ServerCredentials>().Use(pki.Certificate, [pki.Authority.Certificate]);
        services.GetRequiredService<ILoggerFactory>().CreateLogger("DistributedCloud.Controller").CertificateAuthority(
            pki.Fingerprint, pki.CreatedAuthority ? "created" : "loaded", pki.ControllerId);
    }

    /// <summary>The controller's id: Agents:ControllerId, else its own site's system uuid (G-10, S-1).</summary>
    private static string ControllerId(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<AgentClientOptions>>().Value.ControllerId;
        return string.IsNullOrWhiteSpace(configured) ? services.GetRequiredService<HostedSite>().Manager.GetSite().SystemUuid.ToString() : configured;
    }

    /// <summary>The agent channels; the fencing id defaults to the own site's system uuid (G-10), read once the site is open.</summary>
    private static AgentChannels AgentChannels(IServiceProvider services)
    {
        var site = services.GetRequiredService<HostedSite>();
        return new AgentChannels(services.GetRequiredService<IOptions<AgentClientOptions>>().Value, () => site.Manager.GetSite().SystemUuid.ToString(),
            services.GetRequiredService<AgentTls>());
    }
}
