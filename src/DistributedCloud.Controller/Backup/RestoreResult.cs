namespace DistributedCloud.Controller.Backup;

/// <summary>What a restore wrote: the data directory and the manifest of the backup it came from.</summary>
public sealed record RestoreResult(string DataDirectory, BackupManifest Manifest);
