using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DistributedCloud.Site.Persistence;

/// <summary>Builds contexts on a SQLite file; also the design-time factory the <c>dotnet ef</c> tool uses for migrations.</summary>
internal sealed class SiteDbContextFactory : IDesignTimeDbContextFactory<SiteDbContext>
{
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static SiteDbContext Create(string databasePath) =>
        new(new DbContextOptionsBuilder<SiteDbContext>().UseSqlite(ConnectionString(databasePath)).Options);

    public SiteDbContext CreateDbContext(string[] args) => Create(args.Length > 0 ? args[0] : "design-time.db");
}
