using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DistributedCloud.Controller.Core.Persistence;

/// <summary>Builds contexts on a SQLite file; also the design-time factory for <c>dotnet ef</c>.</summary>
internal sealed class ControllerDbContextFactory : IDesignTimeDbContextFactory<ControllerDbContext>
{
    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static ControllerDbContext Create(string databasePath) =>
        new(new DbContextOptionsBuilder<ControllerDbContext>().UseSqlite(ConnectionString(databasePath)).Options);

    public ControllerDbContext CreateDbContext(string[] args) => Create(args.Length > 0 ? args[0] : "design-time.db");
}
