using System.Formats.Tar;
using System.IO.Compression;
using DistributedCloud.Controller.Backup;

namespace DistributedCloud.Controller.Tests.Backup;

/// <summary>
/// A place for the backup tests: a data directory, a folder for archives and one for restores, all under one temporary
/// root; helpers that take backups, restore, craft archives by hand and list everything under a folder (to prove a
/// refusal wrote nothing).
/// </summary>
public sealed class BackupFixture : IDisposable
{
    private readonly TempDirectory _root = new("dc-backup-tests");

    public BackupFixture()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(Archives);
        Directory.CreateDirectory(Restores);
    }

    public string DataDirectory => _root.PathOf("data");

    public string Archives => _root.PathOf("archives");

    public string Restores => _root.PathOf("restores");

    public StringWriter Progress { get; } = new();

    /// <summary>Writes a file of the data directory (parents created) and returns its path.</summary>
    public string WriteData(string relative, string text)
    {
        var path = Path.Combine(DataDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public BackupResult Backup(string name = "controller.tar.gz", bool force = false) =>
        new ControllerBackup(TimeProvider.System, Progress).Create(DataDirectory, Path.Combine(Archives, name), force);

    public RestoreResult Restore(string archive, string name = "restored") =>
        new ControllerRestore(Progress).Restore(archive, Path.Combine(Restores, name));

    /// <summary>Every file and directory under <paramref name="root"/> with its size, as text: equal listings mean nothing was written.</summary>
    public static string Listing(string root) =>
        string.Join('\n', Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p) ? $"{p} {new FileInfo(p).Length}" : p + "/"));

    /// <summary>The archive's tar, decompressed.</summary>
    public static byte[] Decompress(string archive)
    {
        using var input = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Writes <paramref name="tar"/> gzip-compressed as <paramref name="archive"/>.</summary>
    public static void Compress(byte[] tar, string archive)
    {
        using var output = new GZipStream(File.Create(archive), CompressionLevel.Fastest);
        output.Write(tar);
    }

    /// <summary>An archive crafted by hand: the manifest listing <paramref name="listed"/>, then the given tar entries.</summary>
    public string Craft(string name, IReadOnlyList<BackupEntry> listed, params TarEntry[] entries)
    {
        var path = Path.Combine(Archives, name);
        var manifest = new BackupManifest { Created = DateTimeOffset.UtcNow, ProgramVersion = "test", SourceDirectory = "/nowhere", Files = listed };
        using var output = new GZipStream(File.Create(path), CompressionLevel.Fastest);
        using var tar = new TarWriter(output, TarEntryFormat.Pax);
        tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupFormat.ManifestEntry) { DataStream = new MemoryStream(manifest.ToJson()) });
        foreach (var entry in entries)
        {
            tar.WriteEntry(entry);
        }

        return path;
    }

    public static PaxTarEntry FileEntry(string name, byte[] data) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data), Mode = BackupFormat.FileMode };

    public void Dispose()
    {
        Progress.Dispose();
        _root.Dispose();
    }
}
