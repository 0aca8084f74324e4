using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// <c>--backup FILE</c> (S-8a): the data directory into one gzip-compressed tar, while the controller may be running.
/// Every file is first taken into a private staging directory beside the target (databases through SQLite's online
/// backup, other files copied), hashed there, so the manifest describes exactly the bytes archived; the archive is
/// written under a temporary name with mode 0600 from its creation, read back and checked, and only then renamed to
/// FILE. A failure at any point removes the staging directory and the temporary file: no partial backup is left.
/// </summary>
public sealed class ControllerBackup(TimeProvider clock, TextWriter progress)
{
    /// <summary>Rounds of looking for files that appeared while the others were taken (a render in progress).</summary>
    private const int ScanRounds = 3;

    public BackupResult Create(string dataDirectory, string file, bool force)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        var source = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        var target = Path.GetFullPath(file);
        CheckPlaces(source, target, force);

        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        var staging = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.staging.tmp");
        var temporary = Path.Combine(parent, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            OwnerOnly.CreateDirectory(staging);
            progress.WriteLine($"DistributedCloud.Controller: backing up {source} into {target}");
            var taken = TakeFiles(source, staging);
            var manifest = new BackupManifest
            {
                Created = clock.GetUtcNow(),
                ProgramVersion = ProgramVersion.Current,
                SourceDirectory = source,
                Files = [.. taken.Select(t => t.Entry)],
            };
            WriteArchive(temporary, manifest, taken);

            // Read back as a restore would: a backup that could not be restored is not written.
            BackupArchive.Verify(temporary);
            var size = new FileInfo(temporary).Length;
            try
            {
                File.Move(temporary, target, overwrite: force);
            }
            catch (IOException) when (!force && File.Exists(target))
            {
                throw Exists(target);
            }

            return new BackupResult(target, manifest, size);
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            throw new BackupRefusedException(target, $"the backup failed: {failed.Message}",
                $"check that {source} is readable and {parent} writable with space to spare, then run it again; nothing was written", failed);
        }
        finally
        {
            Remove(staging, temporary);
        }
    }

    private static void CheckPlaces(string source, string target, bool force)
    {
        if (!Directory.Exists(source))
        {
            throw new BackupRefusedException(source, "the data directory (--data-dir) does not exist or is not a directory",
                "give the controller's data directory; nothing was written");
        }

        if (target.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new BackupRefusedException(target, "is inside the data directory being backed up",
                "write the backup outside it (it would contain itself, and a backup belongs on another disk); nothing was written");
        }

        if (Directory.Exists(target))
        {
            throw new BackupRefusedException(target, "is a directory", "give a file name for the backup; nothing was written");
        }

        if (!Directory.Exists(Path.GetDirectoryName(target)))
        {
            throw new BackupRefusedException(target, "its directory does not exist", "create the directory first or give another file; nothing was written");
        }

        if (!force && File.Exists(target))
        {
            throw Exists(target);
        }
    }

    private static BackupRefusedException Exists(string target) =>
        new(target, "exists already", "give another file, or add --force to replace it; nothing was written");

    /// <summary>Every file of the data directory into the staging directory, with its entry; files that vanish meanwhile are left out.</summary>
    private List<(BackupEntry Entry, string Staged)> TakeFiles(string source, string staging)
    {
        var taken = new SortedDictionary<string, (BackupEntry Entry, string Staged)>(StringComparer.Ordinal);
        for (var round = 0; round < ScanRounds; round++)
        {
            var fresh = DataDirectoryScanner.Scan(source).Where(f => !taken.ContainsKey(f.Key)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var (relative, path) in fresh)
            {
                var staged = Path.Combine(staging, taken.Count.ToString(CultureInfo.InvariantCulture));
                try
                {
                    var kind = SqliteSnapshot.IsDatabase(path) ? BackupEntryKind.Sqlite : BackupEntryKind.File;
                    if (kind == BackupEntryKind.Sqlite)
                    {
                        SqliteSnapshot.Take(path, staged);
                    }
                    else
                    {
                        Copy(path, staged);
                    }

                    var (size, sha256) = Hash(staged);
                    taken[relative] = (new BackupEntry(relative, size, sha256, kind), staged);
                    if (kind == BackupEntryKind.Sqlite)
                    {
                        progress.WriteLine($"  {relative}: SQLite online backup, {ByteSizes.Format(size)}");
                    }
                }
                catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException)
                {
                    // Removed by the running controller since the scan (an old artifact generation was pruned).
                    File.Delete(staged);
                }
                catch (Exception failed) when (failed is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
                {
                    throw new BackupRefusedException(path, $"cannot be backed up: {failed.Message}",
                        "run the backup as the controller's user (it must read every file of the data directory); nothing was written", failed);
                }
            }
        }

        var others = taken.Values.Where(t => t.Entry.Kind == BackupEntryKind.File).ToArray();
        progress.WriteLine($"  {others.Length.ToString(CultureInfo.InvariantCulture)} other files as they are, {ByteSizes.Format(others.Sum(t => t.Entry.Size))}");
        return [.. taken.Values];
    }

    private static void Copy(string from, string to)
    {
        using var input = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var output = OwnerOnly.CreateFile(to);
        input.CopyTo(output);
    }

    private static (long Size, string Sha256) Hash(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = SHA256.HashData(stream);
        return (stream.Length, Convert.ToHexStringLower(hash));
    }

    private static void WriteArchive(string path, BackupManifest manifest, List<(BackupEntry Entry, string Staged)> files)
    {
        // Mode 0600 at creation: the file holds the CA key and the tokens, and is never readable by others, not even
        // between its creation and a chmod.
        using var output = OwnerOnly.CreateFile(path);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            var created = manifest.Created;
            tar.WriteEntry(Entry(BackupFormat.ManifestEntry, new MemoryStream(manifest.ToJson()), created));
            foreach (var (entry, staged) in files)
            {
                using var data = File.OpenRead(staged);
                tar.WriteEntry(Entry(BackupPaths.EntryName(entry.Path), data, created));
            }
        }

        output.Flush(flushToDisk: true);
    }

    private static PaxTarEntry Entry(string name, Stream data, DateTimeOffset time) =>
        new(TarEntryType.RegularFile, name)
        {
            Mode = BackupFormat.FileMode,
            ModificationTime = time,
            DataStream = data,
        };

    private static void Remove(string staging, string temporary)
    {
        try
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            File.Delete(temporary);
        }
        catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
        {
            // The outcome stands; a leftover is named by the next run's failure at worst.
        }
    }
}
