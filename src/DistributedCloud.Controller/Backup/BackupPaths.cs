namespace DistributedCloud.Controller.Backup;

/// <summary>The path rules of a backup: what a data-directory path looks like in the archive, and which files are left out.</summary>
public static class BackupPaths
{
    /// <summary>
    /// SQLite's side files (rebuilt from the database, which the online backup already holds whole), lock files of a
    /// running process, and the temporary files of writes in progress (atomic writes leave <c>*.tmp</c> until renamed).
    /// </summary>
    private static readonly string[] SkippedSuffixes = ["-wal", "-shm", "-journal", ".lock", ".tmp"];

    /// <summary>A file or directory the backup leaves out by its name.</summary>
    public static bool IsSkipped(string name) => SkippedSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));

    /// <summary>
    /// A relative path with '/' separators, no empty, '.' or '..' part, no backslash or NUL, not rooted: it can only
    /// name something inside the directory it is joined to.
    /// </summary>
    public static bool IsSafeRelative(string? path) =>
        !string.IsNullOrEmpty(path)
        && path.Length <= 4096
        && !path.StartsWith('/')
        && path.IndexOfAny(['\\', '\0']) < 0
        && path.Split('/').All(part => part is not ("" or "." or ".."));

    /// <summary>The archive entry name of a data-directory path.</summary>
    public static string EntryName(string relative) => BackupFormat.DataPrefix + relative;

    /// <summary>The absolute path of <paramref name="relative"/> under <paramref name="root"/>, or null when it would leave it.</summary>
    public static string? Resolve(string root, string relative)
    {
        if (!IsSafeRelative(relative))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(root, relative));
        var prefix = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full : null;
    }
}
