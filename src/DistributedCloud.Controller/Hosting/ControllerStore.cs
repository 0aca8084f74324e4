using System.Diagnostics.Metrics;
using DistributedCloud.Controller.Configuration;
using DistributedCloud.Controller.Core.Audit;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DistributedCloud.Controller.Hosting;

/// <summary>
/// The controller's store (<c>DIR/controller.db</c>, migrated when it opens) and the domain services on it, opened
/// after the own site (whose networks are the registry's reference for N-34..N-37) and before the host listens.
/// </summary>
public sealed class ControllerStore(
    IOptions<ControllerOptions> options,
    IOptions<SubcloudRegistryOptions> registryOptions,
    IOptions<AuditOptions> auditOptions,
    IOptions<StrategyOptions> strategyOptions,
    HostedSite site,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IMeterFactory meterFactory) : IDisposable
{
    private ControllerDatabase? _database;
    private SubcloudRegistry? _registry;
    private StrategyService? _strategies;

    public bool IsOpen => _database is not null;

    public ControllerDatabase Database => _database ?? throw NotOpen();

    public SubcloudRegistry Registry => _registry ?? throw NotOpen();

    public StrategyService Strategies => _strategies ?? throw NotOpen();

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.StorePath;
        try
        {
            _database = await ControllerDatabase.OpenAsync(path, loggerFactory, new ControllerTelemetry(meterFactory), time, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException corrupt)
        {
            throw new SiteStartException($"the controller's store cannot be used: {corrupt.Message}.", corrupt);
        }
        catch (SqliteException failed)
        {
            throw new SiteStartException($"the controller's store '{path}' cannot be opened: {failed.Message}; check the file and the data directory's permissions.", failed);
        }

        _registry = new SubcloudRegistry(_database, () => OwnSiteNetworks.From(site.Manager.GetSite()), registryOptions.Value, auditOptions.Value);
        _strategies = new StrategyService(_database, strategyOptions.Value);
    }

    /// <summary>--migrate: creates or upgrades controller.db and returns it (ControllerDatabase migrates when it opens).</summary>
    public static async Task<string> MigrateAsync(string path, ILoggerFactory loggerFactory)
    {
        using var database = await ControllerDatabase.OpenAsync(path, loggerFactory).ConfigureAwait(false);
        return database.DatabasePath;
    }

    public void Dispose() => _database?.Dispose();

    private static InvalidOperationException NotOpen() => new("the controller's store is not open yet");
}
