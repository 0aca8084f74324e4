using System.Text;
using Microsoft.Data.Sqlite;

namespace DistributedCloud.Testing;

/// <summary>A SQLite file's content as text, read on a connection of its own (no pool).</summary>
public static class SqliteDump
{
    /// <summary>Every row of every table, as text: two equal dumps mean an unchanged database.</summary>
    public static string Of(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
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

        var text = new StringBuilder();
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
}
