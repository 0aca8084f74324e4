using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using DistributedCloud.Controller.Backup;

namespace DistributedCloud.Controller.Tests.Backup;

/// <summary>
/// S-8a: a restore reads and checks the whole archive before it writes anything, so a damaged, truncated or hostile
/// archive, or a target with files in it, is refused with one line naming the problem, and nothing is written: no
/// target, no temporary directory, no file outside. A backup refuses what it could not take faithfully.
/// </summary>
public sealed class BackupRefusalTests
{
    private const string Secret = "ca-key-material-0123456789";

    [Fact]
    public void A_changed_byte_in_a_files_content_is_refused_naming_the_entry_and_nothing_is_written_S8a()
    {
        using var place = Backed(out var archive);
        var tar = BackupFixture.Decompress(archive);
        var at = tar.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Secret));
        Assert.True(at > 0);
        tar[at] ^= 0x01;
        var damaged = Path.Combine(place.Archives, "damaged.tar.gz");
        BackupFixture.Compress(tar, damaged);

        var refused = AssertRefusedWithNothingWritten(place, damaged);
        Assert.Equal($"{damaged}: entry 'data/pki/ca.key' does not match its SHA-256 in the manifest (damaged) (S-8a); use an intact copy of the backup (compare its size and sha256sum with the original); nothing was written",
            refused.Message);
    }

    [Fact]
    public void A_flipped_byte_anywhere_in_the_compressed_file_is_refused_and_nothing_is_written_S8a()
    {
        using var place = Backed(out var archive);
        var bytes = File.ReadAllBytes(archive);

        // Past the gzip header's free fields (time, flags, OS): in the deflate data, the CRC and the length.
        foreach (var position in new[] { 12, bytes.Length / 3, bytes.Length / 2, bytes.Length - 20, bytes.Length - 6, bytes.Length - 2 })
        {
            var copy = (byte[])bytes.Clone();
            copy[position] ^= 0xFF;
            var damaged = Path.Combine(place.Archives, $"flipped-{position}.tar.gz");
            File.WriteAllBytes(damaged, copy);
            AssertRefusedWithNothingWritten(place, damaged);
        }
    }

    [Fact]
    public void A_truncated_archive_is_refused_wherever_it_was_cut_and_nothing_is_written_S8a()
    {
        using var place = Backed(out var archive);
        var bytes = File.ReadAllBytes(archive);
        foreach (var length in new[] { 0, 10, 100, bytes.Length / 2, bytes.Length - 30, bytes.Length - 8, bytes.Length - 4, bytes.Length - 1 })
        {
            var truncated = Path.Combine(place.Archives, $"cut-{length}.tar.gz");
            File.WriteAllBytes(truncated, bytes[..length]);
            var refused = AssertRefusedWithNothingWritten(place, truncated);
            Assert.StartsWith($"{truncated}: ", refused.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_entry_that_escapes_the_data_directory_is_refused_and_nothing_is_written_outside_or_inside_S8a()
    {
        using var place = new BackupFixture();
        var data = "escaped"u8.ToArray();
        var x = new BackupEntry("x", data.Length, Convert.ToHexStringLower(SHA256.HashData(data)), BackupEntryKind.File);

        // The tar entry climbs out; the manifest lists a harmless name.
        var climbing = place.Craft("climbing.tar.gz", [x], BackupFixture.FileEntry("../x", data));
        var refused = AssertRefusedWithNothingWritten(place, climbing);
        Assert.Contains("entry '../x' would be written outside the data directory", refused.Message, StringComparison.Ordinal);

        foreach (var name in new[] { "data/../x", "data/../../x", "/x", "data//x", "data/./x" })
        {
            var crafted = place.Craft($"entry-{Guid.NewGuid():N}.tar.gz", [x], BackupFixture.FileEntry(name, data));
            Assert.Contains("would be written outside the data directory", AssertRefusedWithNothingWritten(place, crafted).Message, StringComparison.Ordinal);
        }

        // The manifest itself names an escaping path.
        var listed = place.Craft("listed.tar.gz", [x with { Path = "../x" }], BackupFixture.FileEntry("data/../x", data));
        Assert.Contains("lists the path '../x', which is not a plain relative path inside the data directory", AssertRefusedWithNothingWritten(place, listed).Message, StringComparison.Ordinal);

        Assert.False(File.Exists(Path.Combine(place.Restores, "x")));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(place.Restores)!, "x")));
    }

    [Fact]
    public void Links_devices_directories_and_entries_not_in_the_manifest_are_refused_S8a()
    {
        using var place = new BackupFixture();
        var data = "content"u8.ToArray();
        var listed = new BackupEntry("file", data.Length, Convert.ToHexStringLower(SHA256.HashData(data)), BackupEntryKind.File);
        var cases = new (TarEntry Entry, string Problem)[]
        {
            (new PaxTarEntry(TarEntryType.SymbolicLink, "data/file") { LinkName = "/etc/passwd" }, "entry 'data/file' is a symbolic link"),
            (new PaxTarEntry(TarEntryType.HardLink, "data/file") { LinkName = "data/other" }, "entry 'data/file' is a hard link"),
            (new PaxTarEntry(TarEntryType.CharacterDevice, "data/file") { DeviceMajor = 1, DeviceMinor = 3 }, "entry 'data/file' is a character device"),
            (new PaxTarEntry(TarEntryType.Fifo, "data/file"), "entry 'data/file' is a FIFO"),
            (new PaxTarEntry(TarEntryType.Directory, "data/dir"), "entry 'data/dir' is a directory"),
            (BackupFixture.FileEntry("data/unlisted", data), "entry 'data/unlisted' is not in its manifest"),
        };
        foreach (var (entry, problem) in cases)
        {
            TarEntry[] entries = entry.Name == "data/file" ? [entry] : [BackupFixture.FileEntry("data/file", data), entry];
            var crafted = place.Craft($"crafted-{Guid.NewGuid():N}.tar.gz", [listed], entries);
            Assert.Contains(problem, AssertRefusedWithNothingWritten(place, crafted).Message, StringComparison.Ordinal);
        }

        var missing = place.Craft("missing.tar.gz", [listed]);
        Assert.Contains("entry 'data/file' of its manifest is missing", AssertRefusedWithNothingWritten(place, missing).Message, StringComparison.Ordinal);

        var notOurs = Path.Combine(place.Archives, "not-ours.tar.gz");
        BackupFixture.Compress(Encoding.ASCII.GetBytes(new string('x', 2048)), notOurs);
        AssertRefusedWithNothingWritten(place, notOurs);
    }

    [Fact]
    public void A_restore_into_a_directory_with_files_or_onto_a_file_is_refused_and_leaves_it_as_it_was_S8a()
    {
        using var place = Backed(out var archive);
        var target = Path.Combine(place.Restores, "restored");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "keep.txt"), "the operator's");
        var refused = AssertRefusedWithNothingWritten(place, archive);
        Assert.Equal($"{target}: the data directory (--data-dir) is not empty; a restore never mixes a backup with other files (S-8a); give a new or empty --data-dir, or move this one away first; nothing was written",
            refused.Message);
        Assert.Equal("the operator's", File.ReadAllText(Path.Combine(target, "keep.txt")));

        File.WriteAllText(Path.Combine(place.Restores, "a-file"), "x");
        var onFile = Assert.Throws<BackupRefusedException>(() => place.Restore(archive, "a-file"));
        Assert.Contains("is a file", onFile.Message, StringComparison.Ordinal);

        var absent = Assert.Throws<BackupRefusedException>(() => place.Restore(Path.Combine(place.Archives, "nosuch.tar.gz"), "new"));
        Assert.Contains("nosuch.tar.gz: does not exist (S-8a)", absent.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(place.Restores, "new")));
    }

    [Fact]
    public void A_backup_refuses_a_link_in_the_data_directory_a_missing_directory_and_a_file_inside_it_leaving_no_file_S8a()
    {
        using var place = new BackupFixture();
        place.WriteData("pki/ca.crt", "certificate");
        var elsewhere = Path.Combine(place.Restores, "operator-key.pem");
        File.WriteAllText(elsewhere, "key");
        File.CreateSymbolicLink(Path.Combine(place.DataDirectory, "pki", "ca.key"), elsewhere);
        var before = BackupFixture.Listing(place.Archives);

        var link = Assert.Throws<BackupRefusedException>(() => place.Backup());
        Assert.Equal($"{Path.Combine(place.DataDirectory, "pki", "ca.key")}: is a symbolic link, not a regular file (S-8a); a backup holds regular files only: replace the link with the file it points to; nothing was written",
            link.Message);
        Assert.Equal(before, BackupFixture.Listing(place.Archives));

        var inside = Assert.Throws<BackupRefusedException>(() =>
            new ControllerBackup(TimeProvider.System, TextWriter.Null).Create(place.DataDirectory, Path.Combine(place.DataDirectory, "b.tar.gz"), force: false));
        Assert.Contains("is inside the data directory being backed up", inside.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<BackupRefusedException>(() =>
            new ControllerBackup(TimeProvider.System, TextWriter.Null).Create(Path.Combine(place.Restores, "nosuch"), Path.Combine(place.Archives, "b.tar.gz"), force: false));
        Assert.Contains("the data directory (--data-dir) does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Equal(before, BackupFixture.Listing(place.Archives));
    }

    /// <summary>A fixture whose data directory (a database, the CA key, a token, an artifact) is backed up into <paramref name="archive"/>.</summary>
    private static BackupFixture Backed(out string archive)
    {
        var place = new BackupFixture();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(place.DataDirectory, "controller.db")};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE subclouds (name TEXT); INSERT INTO subclouds VALUES ('subcloud1');";
            create.ExecuteNonQuery();
        }

        place.WriteData("pki/ca.key", Secret + "\n");
        place.WriteData("access/admin.token", "token\n");
        place.WriteData("artifacts/gen-00000001/kubeadm/kubeadm-config.yaml", string.Concat(Enumerable.Repeat("kind: ClusterConfiguration\n", 200)));
        archive = place.Backup().File;
        return place;
    }

    /// <summary>
    /// The restore of <paramref name="archive"/> into Restores/restored is refused with one line and Restores is as it
    /// was; when the target is absent, the same holds for an existing empty target (filled from inside when restored).
    /// </summary>
    private static BackupRefusedException AssertRefusedWithNothingWritten(BackupFixture place, string archive)
    {
        var target = Path.Combine(place.Restores, "restored");
        var absent = !Directory.Exists(target);
        var refused = RefusedAsBefore(place, archive);
        if (absent)
        {
            Directory.CreateDirectory(target);
            Assert.Equal(refused.Message, RefusedAsBefore(place, archive).Message);
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
            Directory.Delete(target);
        }

        return refused;
    }

    private static BackupRefusedException RefusedAsBefore(BackupFixture place, string archive)
    {
        var before = BackupFixture.Listing(place.Restores);
        var refused = Assert.Throws<BackupRefusedException>(() => place.Restore(archive));
        Assert.Equal(before, BackupFixture.Listing(place.Restores));
        Assert.DoesNotContain("\n", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(S-8a)", refused.Message, StringComparison.Ordinal);
        return refused;
    }
}
