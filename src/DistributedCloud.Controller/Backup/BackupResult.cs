namespace DistributedCloud.Controller.Backup;

/// <summary>What a backup wrote: the file, its manifest and the archive's size on disk.</summary>
public sealed record BackupResult(string File, BackupManifest Manifest, long ArchiveBytes);
