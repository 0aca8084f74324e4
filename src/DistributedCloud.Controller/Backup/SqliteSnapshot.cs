using Microsoft.Data.Sqlite;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// A consistent copy of a SQLite database that may be in use: SQLite's online backup API reads every page under one
/// read transaction, so the copy is the database as of one commit, whatever the running controller writes meanwhile
/// (in WAL mode its writers never wait for the reader). Copying the file and its -wal as they are would not be.
/// </summary>
public static class SqliteSnapshot
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>Whether the file starts with SQLite's header (how a database is recognised, whatever its name).</summary>
    public static bool IsDatabase(string path)
    {
        Span<byte> start = stackalloc byte[16];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(Header);
    }

    /// <summary>Copies the database at <paramref name="source"/> into the new file <paramref name="destination"/> (created 0600), then checks the copy.</summary>
    public static void Take(string source, string destination)
    {
        // The file exists before SQLite opens it, so it is never readable by others, not even for a moment.
        OwnerOnly.CreateFile(destination).Dispose();
        using (var from = Open(source, SqliteOpenMode.ReadWrite))
        using (var to = Open(destination, SqliteOpenMode.ReadWrite))
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    from.BackupDatabase(to);
                    break;
                }
                catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6 && attempt < 20)
                {
                    // SQLITE_BUSY/LOCKED: a writer of a database not in WAL mode holds it; its transactions are short.
                    Thread.Sleep(250);
                }
            }

            using var check = to.CreateCommand();
            check.CommandText = "PRAGMA quick_check;";
            var result = check.ExecuteScalar() as string;
            if (result != "ok")
            {
                throw new InvalidDataException($"the copy fails SQLite's quick_check ({result})");
            }
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: the files are closed when this returns (the staged copy is read and deleted right after).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
