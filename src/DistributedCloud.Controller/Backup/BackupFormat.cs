namespace DistributedCloud.Controller.Backup;

/// <summary>
/// The layout of a controller backup (S-8a): a gzip-compressed POSIX (pax) tar whose first entry is
/// <see cref="ManifestEntry"/> and whose other entries are the data directory's files under <see cref="DataPrefix"/>,
/// regular files only, in the manifest's order.
/// </summary>
public static class BackupFormat
{
    public const string Name = "distributedcloud-controller-backup";

    /// <summary>Raised when the layout or the manifest changes incompatibly; a reader refuses a higher one.</summary>
    public const int Version = 1;

    public const string ManifestEntry = "manifest.json";

    /// <summary>Data entries live under their own prefix so no file of the data directory can collide with the manifest.</summary>
    public const string DataPrefix = "data/";

    /// <summary>A manifest larger than this is not one of ours (it lists paths and hashes, never data).</summary>
    public const long MaxManifestBytes = 16 * 1024 * 1024;

    /// <summary>Owner read and write: every file a backup or a restore creates.</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Owner only: every directory a backup or a restore creates.</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
}
