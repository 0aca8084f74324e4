using System.Diagnostics;
using System.Diagnostics.Metrics;
using DistributedCloud.Networking.Errors;
using Grpc.Core;
using DistributedCloud.Site.Drivers;
using DistributedCloud.Site.Hosting.Configuration;
using DistributedCloud.Site.Hosting.Diagnostics;
using DistributedCloud.Site.Hosts;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Site.Hosting.Sites;

/// <summary>
/// The site a host process owns: opened (or created from the bootstrap file) once the process listens, closed after
/// it stopped listening. The bootstrap file the site was created from is kept as <c>bootstrap.yaml</c> in the data
/// directory, so a later start with another file can be told which one the site came from (D-22). The agent and the
/// system controller open their sites with exactly these rules.
/// </summary>
/// <param name="settings">Read when the site opens (after the host checked every setting).</param>
public sealed class HostedSite(
    Func<SiteHostOptions> settings,
    SiteHostRole role,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IMeterFactory meterFactory) : IAsyncDisposable
{
    public const string KeptBootstrapFile = "bootstrap.yaml";

    public static readonly ActivitySource ActivitySource = new("DistributedCloud.Site.Hosting");

    private readonly ILogger _logger = loggerFactory.CreateLogger<HostedSite>();
    private SiteManager? _manager;
    private volatile bool _stopping;

    /// <summary>The open site; UNAVAILABLE while the host starts or stops.</summary>
    public SiteManager Manager => _manager is { } manager && !_stopping
        ? manager
        : throw new RpcException(new Status(StatusCode.Unavailable, $"The {role.Name}'s site is not open (the {role.Name} is starting or stopping); retry shortly."));

    public bool IsReady => _manager is not null && !_stopping;

    public SiteHostRole Role => role;

    /// <summary>
    /// Opens the site of the data directory or creates it from the bootstrap file; a refusal is a
    /// <see cref="SiteStartException"/> saying what to do. <paramref name="prepare"/> runs on the data directory first
    /// (the agent reads its leadership record there).
    /// </summary>
    public async Task OpenAsync(Action<string>? prepare, CancellationToken cancellationToken)
    {
        var options = settings();
        var dataDirectory = Path.GetFullPath(options.DataDirectory!);
        var bootstrapPath = string.IsNullOrWhiteSpace(options.Bootstrap) ? null : Path.GetFullPath(options.Bootstrap);
        _logger.Starting(Capitalized(role.Name), dataDirectory, options.HostDriver, bootstrapPath ?? "(none: reuse the data directory's site)");
        using var activity = ActivitySource.StartActivity("open site");
        var kept = Path.Combine(dataDirectory, KeptBootstrapFile);
        var yaml = bootstrapPath is null ? null : await File.ReadAllTextAsync(bootstrapPath, cancellationToken).ConfigureAwait(false);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            prepare?.Invoke(dataDirectory);
            _manager = await SiteManager.OpenOrCreateAsync(
                new SiteManagerOptions
                {
                    DataDirectory = dataDirectory,
                    MigrateOnOpen = options.MigrateOnStart,
                    ShutdownGrace = Durations.Parse(options.ShutdownGrace),
                    IsSystemController = role.IsSystemController,
                },
                yaml,
                CreateDriver(options, time),
                time,
                loggerFactory,
                meterFactory,
                cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException refused) when (refused.Errors.Any(e => e.Rule == "D-22" && e.Field == "bootstrap"))
        {
            throw new SiteStartException(yaml is null
                ? $"the data directory '{dataDirectory}' holds no site yet and no --bootstrap file was given. Give --bootstrap FILE to create the site on this first start."
                : $"--bootstrap '{bootstrapPath}' is not the bootstrap file the site in '{dataDirectory}' was created from"
                  + (File.Exists(kept) ? $" (that one is kept as '{kept}')" : string.Empty)
                  + $": {refused.Errors[0].Message}. The way out: start without --bootstrap (or with the file the site came from) to run the existing site, "
                  + $"or give an empty --data-dir to create a new site from '{bootstrapPath}' (move '{dataDirectory}' away first if it is to be replaced).", refused);
        }
        catch (DomainException refused)
        {
            throw new SiteStartException(
                $"the site in '{dataDirectory}' cannot be opened{(yaml is null ? string.Empty : $" or created from '{bootstrapPath}'")}: {refused.Message}", refused);
        }
        catch (InvalidDataException corrupt)
        {
            throw new SiteStartException(corrupt.Message, corrupt);
        }
        catch (UnauthorizedAccessException denied)
        {
            throw new SiteStartException($"the data directory '{dataDirectory}' cannot be used: {denied.Message}; give the {role.Name}'s user read and write access to it.", denied);
        }

        if (yaml is not null && !File.Exists(kept))
        {
            await File.WriteAllTextAsync(kept, yaml, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops answering calls (readiness goes down) before the site closes.</summary>
    public void BeginStop() => _stopping = true;

    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        if (Interlocked.Exchange(ref _manager, null) is { } manager)
        {
            _logger.Stopping(Capitalized(role.Name));
            await manager.DisposeAsync().ConfigureAwait(false);
            _logger.Stopped(role.Name);
        }
    }

    /// <summary>The host driver the settings name (H-16): simulated, or exec with its command lines.</summary>
    public static IHostDriver CreateDriver(SiteHostOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.Equals(options.HostDriver.Trim(), ExecHostDriver.DriverName, StringComparison.OrdinalIgnoreCase))
        {
            var exec = new ExecHostDriverOptions { Shell = options.Exec.Shell, Timeout = Durations.Parse(options.Exec.Timeout) };
            exec.Commands[HostAction.Lock] = options.Exec.Lock!;
            exec.Commands[HostAction.Unlock] = options.Exec.Unlock!;
            exec.Commands[HostAction.Swact] = options.Exec.Swact!;
            return new ExecHostDriver(exec);
        }

        return new SimulatedHostDriver(new SimulatedHostDriverOptions { ActionDuration = Durations.Parse(options.ActionDelay) }, time);
    }

    private static string Capitalized(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
}
