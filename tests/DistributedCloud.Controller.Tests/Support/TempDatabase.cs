using DistributedCloud.Controller.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DistributedCloud.Controller.Tests.Support;

/// <summary>A controller store on a real SQLite file in a temporary directory, removed at the end.</summary>
internal sealed class TempDatabase : IAsyncDisposable
{
    private TempDatabase(string directory, ControllerDatabase database, FakeTimeProvider time)
    {
        Directory = directory;
        Database = database;
        Time = time;
    }

    public string Directory { get; }

    public ControllerDatabase Database { get; private set; }

    public FakeTimeProvider Time { get; }

    public static async Task<TempDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "dc-controller-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(Fleet.Start);
        var database = await ControllerDatabase.OpenAsync(Path.Combine(directory, "controller.db"), time: time);
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
    public string Dump()
    {
        using var connection = new SqliteConnection($"Data Source={Database.DatabasePath};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                text.Append(table).Append(':');
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString()).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
