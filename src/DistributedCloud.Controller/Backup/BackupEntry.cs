namespace DistributedCloud.Controller.Backup;

/// <summary>How a file was taken: through SQLite's online backup (a consistent copy of a live database) or as it is.</summary>
public enum BackupEntryKind
{
    File,
    Sqlite,
}

/// <summary>One file of the data directory in a backup: its path relative to the data directory ('/' separated), size and SHA-256 (lower-case hex).</summary>
public sealed record BackupEntry(string Path, long Size, string Sha256, BackupEntryKind Kind);
