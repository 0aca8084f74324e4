using DistributedCloud.EndToEnd.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace DistributedCloud.EndToEnd.Tests.Fleet;

/// <summary>
/// What an agent recorded in its store, read-only: the network changes it applied (one row per operation id, the
/// record it answers repeats from) and the host operations it ran. The proof that a step ran once however often it was
/// sent (D-18).
/// </summary>
public static class AgentRecord
{
    /// <summary>The operation ids of the network changes recorded with this prefix.</summary>
    public static IReadOnlyList<string> NetworkChanges(AgentProcess agent, string prefix) =>
        Read(agent, "SELECT OperationId FROM network_changes WHERE OperationId LIKE $prefix || '%' ORDER BY OperationId", prefix);

    /// <summary>The operation ids of the host operations recorded with this prefix, each with its state.</summary>
    public static IReadOnlyList<string> HostOperations(AgentProcess agent, string prefix) =>
        Read(agent, "SELECT OperationId || ' ' || State FROM host_operations WHERE OperationId LIKE $prefix || '%' ORDER BY OperationId", prefix);

    private static List<string> Read(AgentProcess agent, string sql, string prefix)
    {
        var path = Path.Combine(agent.DataDirectory, "site.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$prefix", prefix);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
