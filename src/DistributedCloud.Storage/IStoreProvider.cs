using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DistributedCloud.Storage;

/// <summary>
/// What differs between database engines under a <see cref="RelationalStore{TContext}"/>: how a context connects, what
/// the store needs before its first connection and after its schema is current, and which of the engine's errors mean
/// the store itself is unusable. <see cref="Sqlite.SqliteStoreProvider"/> is the embedded default; a PostgreSQL
/// provider (with its own migrations assembly) implements the same members.
/// </summary>
public interface IStoreProvider
{
    /// <summary>The engine, as an operator reads it in a message ("SQLite").</summary>
    string Name { get; }

    /// <summary>Where the store is, as an operator reads it in a message (the file's path for SQLite).</summary>
    string Location { get; }

    /// <summary>Points a context's options at this store (<c>UseSqlite</c>, <c>UseNpgsql</c>, ...).</summary>
    void Configure(DbContextOptionsBuilder options);

    /// <summary>Runs before the first connection when the store opens or migrates (SQLite: the file's directory exists).</summary>
    void Prepare();

    /// <summary>Runs once the schema is current (SQLite: the pragmas, such as the WAL journal).</summary>
    Task AfterMigrateAsync(DatabaseFacade database, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="error"/> says the store is damaged or is not a database of this engine.</summary>
    bool IsCorrupt(Exception error);
}
