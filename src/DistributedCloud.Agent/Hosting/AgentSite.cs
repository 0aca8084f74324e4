using System.Diagnostics.Metrics;
using DistributedCloud.Agent.Configuration;
using DistributedCloud.Agent.Diagnostics;
using DistributedCloud.Agent.Fencing;
using DistributedCloud.Networking.Errors;
using DistributedCloud.Rpc.Status;
using DistributedCloud.Site;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Agent.Hosting;

/// <summary>
/// The site this agent owns: opened (or created from the bootstrap file) before the agent listens, closed after it
/// stopped listening. The bootstrap file the site was created from is kept as <c>bootstrap.yaml</c> in the data
/// directory, so a later start with another file can be told which one the site came from.
/// </summary>
public sealed class AgentSite(
    IOptions<AgentOptions> options,
    LeadershipStore leadership,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IMeterFactory meterFactory) : IAsyncDisposable
{
    public const string KeptBootstrapFile = "bootstrap.yaml";

    private readonly ILogger _logger = loggerFactory.CreateLogger<AgentSite>();
    private SiteManager? _manager;
    private volatile bool _stopping;

    /// <summary>The open site; UNAVAILABLE while the agent starts or stops.</summary>
    public SiteManager Manager => _manager is { } manager && !_stopping
        ? manager
        : throw new RpcException(StatusCode.Unavailable, "The agent's site is not open (the agent is starting or stopping); retry shortly.");

    public bool IsReady => _manager is not null && !_stopping;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dataDirectory = System.IO.Path.GetFullPath(settings.DataDirectory!);
        var bootstrapPath = string.IsNullOrWhiteSpace(settings.Bootstrap) ? null : System.IO.Path.GetFullPath(settings.Bootstrap);
        _logger.Starting(dataDirectory, settings.HostDriver, bootstrapPath ?? "(none: reuse the data directory's site)");
        using var activity = AgentTelemetry.ActivitySource.StartActivity("open site");
        var kept = System.IO.Path.Combine(dataDirectory, KeptBootstrapFile);
        var yaml = bootstrapPath is null ? null : await File.ReadAllTextAsync(bootstrapPath, cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            leadership.Load(dataDirectory);
            _manager = await SiteManager.OpenOrCreateAsync(
                new SiteManagerOptions
                {
                    DataDirectory = dataDirectory,
                    MigrateOnOpen = settings.MigrateOnStart,
                    ShutdownGrace = Durations.Parse(settings.ShutdownGrace),
                },
                yaml,
                CreateDriver(settings, time),
                time,
                loggerFactory,
                meterFactory,
                cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException refused) when (refused.Errors.Any(e => e.Rule == "D-22" && e.Field == "bootstrap"))
        {
            throw new AgentStartException(yaml is null
                ? $"the data directory '{dataDirectory}' holds no site yet and no --bootstrap file was given. Give --bootstrap FILE (Agent:Bootstrap) to create the site on this first start."
                : $"--bootstrap '{bootstrapPath}' is not the bootstrap file the site in '{dataDirectory}' was created from"
                  + (File.Exists(kept) ? $" (that one is kept as '{kept}')" : string.Empty)
                  + $": {refused.Errors[0].Message}. The way out: start without --bootstrap (or with the file the site came from) to run the existing site, "
                  + $"or give an empty --data-dir to create a new site from '{bootstrapPath}' (move '{dataDirectory}' away first if it is to be replaced).", refused);
        }
        catch (DomainException refused)
        {
            throw new AgentStartException(
                $"the site in '{dataDirectory}' cannot be opened{(yaml is null ? string.Empty : $" or created from '{bootstrapPath}'")}: {refused.Message}", refused);
        }
        catch (InvalidDataException corrupt)
        {
            throw new AgentStartException(corrupt.Message, corrupt);
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new AgentStartException($"the data directory '{dataDirectory}' cannot be used: {denied.Message}; give the agent's user read and write access to it.", denied);
        }

        if (yaml is not null && !File.Exists(kept))
        {
            await File.WriteAllTextAsync(kept, yaml, cancellationToken).ConfigureAwait(false);
        }

        var site = _manager.GetSite();
        var current = leadership.Current;
        _logger.SiteReady(site.SystemUuid, site.Mode.ToString(), site.PrimaryFamily.ToString(),
            current.ControllerId.Length == 0 ? "(none)" : current.ControllerId, current.Epoch);
    }

    /// <summary>Stops answering calls (readiness goes down) before the site closes.</summary>
    public void BeginStop() => _stopping = true;

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (Interlocked.Exchange(ref _manager, null) is { } manager)
        {
            _logger.Stopping();
            await manager.DisposeAsync().ConfigureAwait(false);
            _logger.Stopped();
        }
    }

    internal static IHostDriver CreateDriver(AgentOptions settings, TimeProvider time)
    {
        if (string.Equals(settings.HostDriver.Trim(), ExecHostDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            var exec = new ExecHostDriverOptions { Shell = settings.Exec.Shell, Timeout = Durations.Parse(settings.Exec.Timeout) };
            exec.Commands[HostAction.Lock] = settings.Exec.Lock!;
            exec.Commands[HostAction.Unlock] = settings.Exec.Unlock!;
            exec.Commands[HostAction.Swact] = settings.Exec.Swact!;
            return new ExecHostDriver(exec);
        }

        return new SimulatedHostDriver(new SimulatedHostDriverOptions { ActionDuration = Durations.Parse(settings.ActionDelay) }, time);
    }
}
