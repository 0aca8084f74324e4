namespace DistributedCloud.Controller.Backup;

/// <summary>
/// Files and directories readable by their owner only, from the moment they exist (mode given to open/mkdir, never a
/// chmod afterwards): a backup holds the CA key and the tokens (S-8a, S-10). Unix only, as the controller is.
/// </summary>
public static class OwnerOnly
{
    /// <summary>A new file, mode 0600; fails if it exists.</summary>
    public static FileStream CreateFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("backups need Unix file modes");
        }

        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            UnixCreateMode = BackupFormat.FileMode,
        });
    }

    /// <summary>The directory and any missing parent below it, each created 0700 (existing ones keep their mode).</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("backups need Unix file modes");
        }

        // One level at a time: Directory.CreateDirectory(path, mode) gives the mode to the last directory only, its
        // missing parents get the default (0755 under the usual umask).
        var missing = new Stack<string>();
        for (var directory = Path.GetFullPath(path); !Directory.Exists(directory); directory = Path.GetDirectoryName(directory)!)
        {
            missing.Push(directory);
        }

        while (missing.TryPop(out var directory))
        {
            Directory.CreateDirectory(directory, BackupFormat.DirectoryMode);
        }
    }
}
