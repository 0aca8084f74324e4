using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Site.Hosting.Sites;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Hosting;

/// <summary>
/// Opens the controller's store (<c>DIR/controller.db</c>, migrated when it opens) in the start sequence: after the
/// listeners are bound and the own site is open (its networks are the registry's reference for N-34..N-37), so a start
/// that fails earlier creates no file. The domain services on the store are plain registrations; they and the
/// background work wait for <see cref="ControllerDatabase.WhenOpen"/>. A store that cannot be opened refuses the start.
/// </summary>
public sealed class ControllerStore(ControllerDatabase database)
{
    public bool IsOpen => database.IsOpen;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException corrupt)
        {
            throw new SiteStartException($"the controller's store cannot be used: {corrupt.Message}.", corrupt);
        }
        catch (SqliteException failed)
        {
            throw new SiteStartException($"the controller's store '{database.DatabasePath}' cannot be opened: {failed.Message}; check the file and the data directory's permissions.", failed);
        }
    }

    /// <summary>--migrate: creates or upgrades controller.db and returns it (ControllerDatabase migrates when it opens).</summary>
    public static async Task<string> MigrateAsync(string path, ILoggerFactory loggerFactory)
    {
        using var database = await ControllerDatabase.OpenAsync(path, loggerFactory).ConfigureAwait(false);
        return database.DatabasePath;
    }
}
