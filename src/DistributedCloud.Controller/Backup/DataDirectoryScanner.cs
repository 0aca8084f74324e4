using System.Formats.Tar;

namespace DistributedCloud.Controller.Backup;

/// <summary>
/// The files of a data directory a backup takes: every regular file below it, by its '/'-separated relative path,
/// except the side, lock and temporary files <see cref="BackupPaths.IsSkipped"/> names. A symbolic link or a special
/// file is refused rather than left out, so a backup never silently lacks what a link pointed at (a CA key, say).
/// </summary>
public static class DataDirectoryScanner
{
    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>Relative path to absolute path, sorted by relative path (ordinal) so archives list files in a stable order.</summary>
    public static SortedDictionary<string, string> Scan(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(new DirectoryInfo(root), string.Empty, files);
        return files;
    }

    private static void Walk(DirectoryInfo directory, string prefix, SortedDictionary<string, string> files)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = [.. directory.EnumerateFileSystemInfos("*", OneLevel)];
        }
        catch (DirectoryNotFoundException) when (prefix.Length > 0)
        {
            // Removed by the running controller since its parent was read (an old artifact generation): nothing to take.
            return;
        }

        foreach (var entry in entries)
        {
            if (BackupPaths.IsSkipped(entry.Name))
            {
                continue;
            }

            var relative = prefix + entry.Name;
            TarEntryType type;
            try
            {
                type = FileKinds.Of(entry);
            }
            catch (FileNotFoundException)
            {
                continue;
            }
            catch (Exception probe) when (probe is IOException or InvalidOperationException or ArgumentException)
            {
                // The tar writer refuses what it cannot represent (a socket).
                throw new BackupRefusedException(entry.FullName, "is a special file, not a regular file or a directory",
                    "a backup holds regular files only: move it out of the data directory; nothing was written");
            }

            switch (type)
            {
                case TarEntryType.Directory:
                    Walk((DirectoryInfo)entry, relative + "/", files);
                    break;
                case TarEntryType.RegularFile:
                    files[relative] = entry.FullName;
                    break;
                default:
                    throw new BackupRefusedException(entry.FullName, $"is {FileKinds.Describe(type)}, not a regular file",
                        type == TarEntryType.SymbolicLink
                            ? "a backup holds regular files only: replace the link with the file it points to; nothing was written"
                            : "a backup holds regular files only: move it out of the data directory; nothing was written");
            }
        }
    }
}
