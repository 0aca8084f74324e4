using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Diagnostics;
using DistributedCloud.Site.Hosting.Endpoints;
using DistributedCloud.Site.Hosting.Grpc;
using DistributedCloud.Site.Hosting.Health;
using DistributedCloud.Site.Hosting.Security;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Site.Hosting;

/// <summary>The start sequence every site host shares: configuration sources, logging, listening, checks, open, run, close.</summary>
public static class SiteHostExtensions
{
    /// <summary>A host builder whose configuration is: appsettings.json beside the binary, the --config file, the environment, then the flags.</summary>
    public static WebApplicationBuilder CreateSiteHostBuilder(HostCommandLine commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        DurationConverter.Register();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        if (commandLine.ConfigFile is { } file)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            builder.Configuration.AddEnvironmentVariables();
        }

        builder.Configuration.AddInMemoryCollection(commandLine.Settings);
        builder.Services.AddSingleton(new HostRunMode(commandLine.Migrate));
        return builder;
    }

    /// <summary>
    /// The part of a site host the agent and the controller share: logging, the host's settings (section
    /// <paramref name="section"/>, validated at start with every bad key listed), the gRPC server with health and
    /// reflection, the clock, the site it owns, OpenTelemetry (metrics behind /metrics; traces and OTLP when configured)
    /// and its listeners. The host adds its own services
    /// and its <see cref="SiteReadiness"/>.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSiteHost<TOptions, TValidator>(this WebApplicationBuilder builder, SiteHostRole role, string section, AccessAdvice access)
        where TOptions : SiteHostOptions
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSiteHostLogging();
        var services = builder.Services;
        // Under systemd (Type=notify): READY=1 once listening, STOPPING=1 on SIGTERM, journald's log format.
        services.AddSystemd();
        var options = services.AddOptions<TOptions>().Bind(builder.Configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.AddSiteGrpc(builder.Configuration);
        services.AddSiteAccess(builder.Configuration, access);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HostedSite(() => sp.GetRequiredService<IOptions<TOptions>>().Value, role, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.AddSiteHostTelemetry(role);
        builder.ListenOnSiteHostEndpoints<TOptions>();
        return options;
    }

    /// <summary>Health and metrics on the --http-listen port only; the standard gRPC health and reflection services on the gRPC ports.</summary>
    public static WebApplication MapSiteHost<TOptions>(this WebApplication app)
        where TOptions : SiteHostOptions
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<TOptions>>();
        app.MapHealthEndpoints(() => options.Value.HttpListen);
        app.UseSiteAccess();
        app.MapSiteGrpcServices();
        return app;
    }

    /// <summary>One line per event on stdout (the journal under systemd); the framework's chatter only from warnings up.</summary>
    public static WebApplicationBuilder AddSiteHostLogging(this WebApplicationBuilder builder)
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
        builder.Logging.AddFilter("Grpc", LogLevel.Warning);
        // A refused credential is answered and audited; the handler's own line per attempt would only repeat it.
        builder.Logging.AddFilter("DistributedCloud.Site.Hosting.Security.AccessAuthenticationHandler", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>Kestrel listens on the host's gRPC endpoints (HTTP/2, TLS when https) and its --http-listen endpoint (HTTP/1.1).</summary>
    public static WebApplicationBuilder ListenOnSiteHostEndpoints<TOptions>(this WebApplicationBuilder builder)
        where TOptions : SiteHostOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel((_, kestrel) => Listen<TOptions>(kestrel));
        return builder;
    }

    /// <summary>
    /// Checks the settings (every bad key at once, exit 2), then either migrates and exits, or opens the site (a refusal
    /// exits 1), serves until SIGTERM/SIGINT, and closes the site after the last call.
    /// </summary>
    public static async Task<int> RunSiteHostAsync(this WebApplication app, SiteHostRun run)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(run);
        var failures = Validate(app.Services, run.Settings);
        if (failures.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"{run.Program}: {failures.Count} setting(s) are wrong; nothing was started:\n  - {string.Join("\n  - ", failures)}\nSee --help and {run.Documentation}.");
            return 2;
        }

        var options = run.SiteSettings(app.Services);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(run.Program);
        if (app.Services.GetRequiredService<HostRunMode>().MigrateOnly)
        {
            foreach (var (database, applied) in await run.Migrate(app.Services))
            {
                logger.Migrated(database, applied.Count == 0 ? "none" : string.Join(", ", applied));
            }

            return 0;
        }

        // Listeners first: a port in use or an address not of this machine refuses the start before any file exists.
        var site = app.Services.GetRequiredService<HostedSite>();
        app.Lifetime.ApplicationStopping.Register(site.BeginStop);
        try
        {
            await app.StartAsync();
        }
        catch (IOException bind) when (bind.InnerException is System.Net.Sockets.SocketException or AddressInUseException)
        {
            logger.StartRefused(site.Role.Name, bind.Message);
            await Console.Error.WriteLineAsync(
                $"{run.Program}: cannot listen: {bind.Message} Free the port (ss -ltnp shows who holds it) or give another --listen address.");
            await app.StopAsync();
            return 1;
        }

        try
        {
            // Then the stores: the site (created from its bootstrap file on the first start), then the host's own.
            // Calls that arrive meanwhile are answered UNAVAILABLE and health says NOT_SERVING (ReadinessInterceptor).
            try
            {
                await site.OpenAsync(run.Prepare is null ? null : directory => run.Prepare(app.Services, directory), app.Lifetime.ApplicationStopping);
                if (run.Opened is not null)
                {
                    await run.Opened(app.Services, app.Lifetime.ApplicationStopping);
                }

                app.Services.GetRequiredService<SiteReadiness>().MarkStarted();
            }
            catch (SiteStartException refused)
            {
                logger.StartRefused(site.Role.Name, refused.Message);
                await Console.Error.WriteLineAsync($"{run.Program}: refusing to start: {refused.Message}");
                await app.StopAsync();
                return 1;
            }

            logger.Listening(run.Service, string.Join(", ", options.ListenUrls), string.IsNullOrWhiteSpace(options.HttpListen) ? "(none)" : options.HttpListen);
            await app.WaitForShutdownAsync();
        }
        finally
        {
            // The host's container closes its singletons (the controller's store) when the run ends; the site is
            // closed here in any case, after the last call.
            await site.DisposeAsync();
        }

        return 0;
    }

    /// <summary>The site's schema migrated (--migrate): the data directory's site.db.</summary>
    public static async Task<(string Database, IReadOnlyList<string> Applied)> MigrateSiteAsync(SiteHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var siteOptions = new SiteManagerOptions { DataDirectory = Path.GetFullPath(options.DataDirectory!) };
        var applied = await SiteManager.MigrateAsync(siteOptions).ConfigureAwait(false);
        return (siteOptions.DatabasePath, applied);
    }

    private static List<string> Validate(IServiceProvider services, IEnumerable<Func<IServiceProvider, object>> reads)
    {
        var failures = new List<string>();
        foreach (var read in reads.Append(sp => sp.GetRequiredService<IOptions<GrpcServerOptions>>().Value).Append(sp => sp.GetRequiredService<IOptions<TelemetryOptions>>().Value)
            .Append(sp => sp.GetRequiredService<IOptions<SecurityOptions>>().Value))
        {
            try
            {
                _ = read(services);
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

    private static void Listen<TOptions>(KestrelServerOptions kestrel)
        where TOptions : SiteHostOptions
    {
        TOptions options;
        GrpcServerOptions grpc;
        try
        {
            options = kestrel.ApplicationServices.GetRequiredService<IOptions<TOptions>>().Value;
            grpc = kestrel.ApplicationServices.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            // Kestrel reads its endpoints while the host is built; RunSiteHostAsync reports every bad setting before it starts.
            return;
        }

        if (SiteGrpcExtensions.KeepAlive(grpc) is { } keepAlive)
        {
            kestrel.Limits.Http2.KeepAlivePingDelay = keepAlive.Delay;
            kestrel.Limits.Http2.KeepAlivePingTimeout = keepAlive.Timeout;
        }

        var addresses = options.ListenUrls.Select(text => ListenAddress.TryParse(text, out var address, out _) ? address! : null).OfType<ListenAddress>().ToArray();
        var credentials = kestrel.ApplicationServices.GetRequiredService<ServerCredentials>();
        foreach (var address in addresses)
        {
            // gRPC is HTTP/2 only: TLS 1.2+ with ALPN "h2" and the host's current certificate (S-4), or cleartext with
            // prior knowledge on loopback in development mode.
            kestrel.Listen(address.EndPoint, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (address.Tls)
                {
                    listen.UseHttps(new TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(credentials.ConnectionOptions()),
                    });
                }
            });
        }

        if (!string.IsNullOrWhiteSpace(options.HttpListen) && ListenAddress.TryParse(options.HttpListen, out var http, out _))
        {
            kestrel.Listen(http!.EndPoint, listen => listen.Protocols = HttpProtocols.Http1);
        }
    }
}
