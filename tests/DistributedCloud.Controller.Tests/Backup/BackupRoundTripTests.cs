using System.Security.Cryptography;
using DistributedCloud.Controller.Backup;
using DistributedCloud.Controller.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DistributedCloud.Controller.Tests.Backup;

/// <summary>
/// S-8a: a data directory backed up while its database is being written comes back whole: the database as of one
/// commit, every other file byte for byte, nothing of SQLite's side files or of writes in progress, every file 0600 and
/// every directory 0700, the archive itself 0600.
/// </summary>
public sealed class BackupRoundTripTests
{
    /// <summary>What a controller's data directory holds besides its databases (the CA and access files are the lead's S-1/S-6 layout).</summary>
    private static readonly Dictionary<string, string> OtherFiles = new()
    {
        ["pki/ca.key"] = "-----BEGIN PRIVATE KEY-----\nca-key-material-0123456789\n-----END PRIVATE KEY-----\n",
        ["pki/ca.crt"] = "-----BEGIN CERTIFICATE-----\nca-certificate\n-----END CERTIFICATE-----\n",
        ["access/admin.token"] = "dc_admin_0123456789abcdef\n",
        ["access/dcctl.yaml"] = "controller: https://[::1]:50051\ntoken: dc_admin_0123456789abcdef\n",
        ["bootstrap.yaml"] = "system_mode: duplex\n",
        ["artifacts/current"] = "1\n",
        ["artifacts/gen-00000001/kubeadm/kubeadm-config.yaml"] = "kind: ClusterConfiguration\n",
        ["empty-file"] = string.Empty,
    };

    /// <summary>Files a backup leaves out: side files, locks, and the temporary files of writes in progress.</summary>
    private static readonly string[] LeftOut =
        ["stale.db-wal", "stale.db-shm", "old.db-journal", "controller.lock", "artifacts/.current.0a1b.tmp", "artifacts/.gen-00000002.0a1b.tmp/half-written.yaml"];

    [Fact]
    public async Task A_database_written_during_the_backup_comes_back_as_of_one_commit_with_every_other_file_S8a()
    {
        using var place = new BackupFixture();
        var database = Path.Combine(place.DataDirectory, "controller.db");
        using (var setup = Open(database))
        {
            Execute(setup, "PRAGMA journal_mode=WAL; CREATE TABLE rows (n INTEGER PRIMARY KEY, pad BLOB NOT NULL); CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);");
        }

        foreach (var (relative, text) in OtherFiles)
        {
            place.WriteData(relative, text);
        }

        foreach (var relative in LeftOut)
        {
            place.WriteData(relative, "not part of a backup");
        }

        // The writer keeps one invariant per commit (rows counted == counter); a copy taken across commits would break it.
        using var stop = new CancellationTokenSource();
        long committed = 0;
        var writer = Task.Run(() =>
        {
            using var connection = Open(database);
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                using var transaction = connection.BeginTransaction();
                Execute(connection, $"INSERT INTO rows (n, pad) VALUES ({n}, randomblob(2048)); UPDATE counter SET n = {n};");
                transaction.Commit();
                Interlocked.Exchange(ref committed, n);
            }
        });
        await Eventually.WaitAsync(() => Task.FromResult(Interlocked.Read(ref committed)), n => n >= 50, "50 commits");

        var backups = new List<(BackupResult Result, long Before, long After)>();
        for (var i = 0; i < 3; i++)
        {
            var before = Interlocked.Read(ref committed);
            var result = place.Backup($"b{i}.tar.gz");
            backups.Add((result, before, Interlocked.Read(ref committed)));
        }

        await stop.CancelAsync();
        await writer;
        Assert.Contains(backups, b => b.After > b.Before);

        // Nothing but the archives beside them: no staging directory, no temporary file.
        Assert.Equal(backups.Select(b => Path.GetFileName(b.Result.File)).Order(), Directory.EnumerateFileSystemEntries(place.Archives).Select(Path.GetFileName).Order());
        for (var i = 0; i < backups.Count; i++)
        {
            var (result, before, _) = backups[i];
            Assert.Equal(BackupFormat.FileMode, Modes.Of(result.File));
            var manifest = result.Manifest;
            Assert.Equal((BackupFormat.Name, BackupFormat.Version, ProgramVersion.Current), (manifest.Format, manifest.FormatVersion, manifest.ProgramVersion));
            Assert.Equal(OtherFiles.Keys.Append("controller.db").Order(StringComparer.Ordinal), manifest.Files.Select(f => f.Path));
            Assert.Equal(BackupEntryKind.Sqlite, manifest.Files.Single(f => f.Path == "controller.db").Kind);
            Assert.All(manifest.Files.Where(f => f.Path != "controller.db"), f => Assert.Equal((BackupEntryKind.File, (long)OtherFiles[f.Path].Length, Sha256(OtherFiles[f.Path])), (f.Kind, f.Size, f.Sha256)));

            var restored = place.Restore(result.File, $"restored{i}");
            var root = restored.DataDirectory;
            AssertOwnerOnly(root);
            Assert.Equal(manifest.Files.Select(f => f.Path), Files(root));
            foreach (var (relative, text) in OtherFiles)
            {
                Assert.Equal(text, await File.ReadAllTextAsync(Path.Combine(root, relative)));
            }

            using var copy = Open(Path.Combine(root, "controller.db"));
            Assert.Equal("ok", Scalar(copy, "PRAGMA integrity_check;"));
            var (rows, counter) = ((long)Scalar(copy, "SELECT count(*) FROM rows;")!, (long)Scalar(copy, "SELECT n FROM counter;")!);
            Assert.Equal(counter, rows);
            Assert.True(rows >= before, $"the copy has {rows} rows, {before} were committed before the backup started");
        }

        Assert.Contains("controller.db: SQLite online backup", place.Progress.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_into_an_existing_file_is_refused_unless_forced_and_a_restore_fills_an_existing_empty_directory_keeping_its_mode_S8a()
    {
        using var place = new BackupFixture();
        place.WriteData("pki/ca.key", "key");
        var first = place.Backup();
        var bytes = File.ReadAllBytes(first.File);

        var refused = Assert.Throws<BackupRefusedException>(() => place.Backup());
        Assert.Equal($"{first.File}: exists already (S-8a); give another file, or add --force to replace it; nothing was written", refused.Message);
        Assert.Equal(bytes, File.ReadAllBytes(first.File));

        place.WriteData("pki/ca.key", "a new key");
        var forced = place.Backup(force: true);
        Assert.Equal(first.File, forced.File);
        Assert.Equal(BackupFormat.FileMode, Modes.Of(forced.File));
        Assert.Equal([Path.GetFileName(first.File)], Directory.EnumerateFileSystemEntries(place.Archives).Select(Path.GetFileName));

        // An empty directory as systemd's StateDirectory= creates it is a valid target: filled from inside (the service
        // user cannot write its parent), it keeps its own mode, and what the restore wrote is owner-only.
        var target = Path.Combine(place.Restores, "state");
        var stateMode = BackupFormat.DirectoryMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        Modes.CreateDirectory(target, stateMode);
        place.Restore(forced.File, "state");
        Assert.Equal("a new key", File.ReadAllText(Path.Combine(target, "pki", "ca.key")));
        Assert.Equal(stateMode, Modes.Of(target));
        Assert.Equal(["pki"], Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName));
        Assert.All(Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories), d => Assert.Equal(BackupFormat.DirectoryMode, Modes.Of(d)));
        Assert.All(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories), f => Assert.Equal(BackupFormat.FileMode, Modes.Of(f)));
        Assert.Equal(["state"], Directory.EnumerateFileSystemEntries(place.Restores).Select(Path.GetFileName));
    }

    private static void AssertOwnerOnly(string root)
    {
        Assert.Equal(BackupFormat.DirectoryMode, Modes.Of(root));
        Assert.All(Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories), d => Assert.Equal((d, BackupFormat.DirectoryMode), (d, Modes.Of(d))));
        Assert.All(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), f => Assert.Equal((f, BackupFormat.FileMode), (f, Modes.Of(f))));
    }

    private static IEnumerable<string> Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=30");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
