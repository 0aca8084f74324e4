using DistributedCloud.Storage;
using DistributedCloud.Storage.Sqlite;
using Microsoft.EntityFrameworkCore.Design;

namespace DistributedCloud.Site.Persistence;

/// <summary>Builds contexts on a SQLite file; also the design-time factory the <c>dotnet ef</c> tool uses for migrations.</summary>
internal sealed class SiteDbContextFactory : IDesignTimeDbContextFactory<SiteDbContext>
{
    public static SiteDbContext Create(string databasePath) => new(new SqliteStoreProvider(databasePath).OptionsFor<SiteDbContext>());

    public SiteDbContext CreateDbContext(string[] args) => Create(args.Length > 0 ? args[0] : "design-time.db");
}
