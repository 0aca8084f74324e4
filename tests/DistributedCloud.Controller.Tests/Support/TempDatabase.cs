using DistributedCloud.Controller.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>A controller store on a real SQLite file in a temporary directory, removed at the end.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private TempDatabase(TempDirectory directory, ControllerDatabase database, FakeTimeProvider time)
    {
        _directory = directory;
        Database = database;
        Time = time;
    }

    public string Directory => _directory.Root;

    public ControllerDatabase Database { get; private set; }

    public FakeTimeProvider Time { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var directory = new TempDirectory("dc-controller-tests");
        var time = new FakeTimeProvider(Fleet.Start);
        var database = await ControllerDatabase.OpenAsync(directory.PathOf("controller.db"), time: time);
        return new TempDatabase(directory, database, time);
    }

    /// <summary>As after a restart: a new store object on the same file.</summary>
    public async Task ReopenAsync()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        Database = await ControllerDatabase.OpenAsync(Database.DatabasePath, time: Time);
    }

    /// <summary>Every row of every table, as text: two equal dumps mean an unchanged database.</summary>
    public string Dump() => SqliteDump.Of(Database.DatabasePath);

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}
