using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DistributedCloud.Storage.Sqlite;

/// <summary>
/// A store in one SQLite file: created when missing, pooled connections, a 30 s busy timeout (a second writer waits
/// for the lock rather than failing), the WAL journal (a killed process loses nothing committed, readers do not block
/// the writer).
/// </summary>
public sealed class SqliteStoreProvider : IStoreProvider
{
    private const int NotADatabase = 26; // SQLITE_NOTADB
    private const int Corrupt = 11; // SQLITE_CORRUPT

    public SqliteStoreProvider(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = databasePath;
        ConnectionString = ConnectionStringFor(databasePath);
    }

    public string Name => "SQLite";

    public string Location => DatabasePath;

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public static string ConnectionStringFor(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public void Configure(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public void Prepare() => Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(DatabasePath))!);

    public async Task AfterMigrateAsync(DatabaseFacade database, CancellationToken cancellationToken) =>
        await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);

    public bool IsCorrupt(Exception error) => error is SqliteException { SqliteErrorCode: NotADatabase or Corrupt };
}
