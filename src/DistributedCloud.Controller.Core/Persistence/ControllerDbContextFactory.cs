using DistributedCloud.Storage;
using DistributedCloud.Storage.Sqlite;
using Microsoft.EntityFrameworkCore.Design;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>The design-time factory for <c>dotnet ef</c>: a context on a SQLite file.</summary>
internal sealed class ControllerDbContextFactory : IDesignTimeDbContextFactory<ControllerDbContext>
{
    public ControllerDbContext CreateDbContext(string[] args) =>
        new(new SqliteStoreProvider(args.Length > 0 ? args[0] : "design-time.db").OptionsFor<ControllerDbContext>());
}
