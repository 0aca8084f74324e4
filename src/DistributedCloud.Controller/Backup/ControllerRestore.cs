namespace DistributedCloud.Controller.Backup;

/// <summary>
/// <c>--restore FILE</c> (S-8a): a backup recreated as a data directory that does not exist yet or is empty. The whole
/// archive is read and checked first, with nothing written; then it is extracted into a private temporary directory
/// beside the target (checked again on the way) and renamed into place in one step, so a damaged or truncated archive,
/// or a failure half-way, leaves nothing behind. Files are written 0600, directories 0700.
/// </summary>
public sealed class ControllerRestore(TextWriter progress)
{
    public RestoreResult Restore(string file, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var archive = Path.GetFullPath(file);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        CheckTarget(target);

        progress.WriteLine($"DistributedCloud.Controller: checking {archive}");
        var manifest = BackupArchive.Verify(archive);
        progress.WriteLine($"  {manifest.Files.Count} files, {ByteSizes.Format(manifest.TotalBytes)}, taken {manifest.Created:u} from {manifest.SourceDirectory} by version {manifest.ProgramVersion}: intact");

        var parent = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.restore.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            OwnerOnly.CreateDirectory(temporary);
            progress.WriteLine($"DistributedCloud.Controller: restoring into {target}");
            BackupArchive.Extract(archive, temporary);

            // Checked again at the last moment: the target must still be empty (or absent) when it is replaced.
            CheckTarget(target);
            if (Directory.Exists(target))
            {
                // Non-recursive: fails rather than delete anything if a file appeared in it meanwhile.
                Directory.Delete(target);
            }

            Directory.Move(temporary, target);
            return new RestoreResult(target, manifest);
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            throw new BackupRefusedException(target, $"the restore failed: {failed.Message}",
                $"check that {parent} is writable with space to spare, then run it again; nothing was written", failed);
        }
        finally
        {
            if (Directory.Exists(temporary))
            {
                try
                {
                    Directory.Delete(temporary, recursive: true);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                    // The refusal stands; the hidden leftover holds nothing the target sees.
                }
            }
        }
    }

    private static void CheckTarget(string target)
    {
        if (File.Exists(target))
        {
            throw new BackupRefusedException(target, "the data directory (--data-dir) is a file", "give a new or empty directory; nothing was written");
        }

        if (!Directory.Exists(target))
        {
            return;
        }

        if (new DirectoryInfo(target).LinkTarget is not null)
        {
            throw new BackupRefusedException(target, "the data directory (--data-dir) is a symbolic link", "give the real directory it points to; nothing was written");
        }

        if (Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupRefusedException(target, "the data directory (--data-dir) is not empty; a restore never mixes a backup with other files",
                "give a new or empty --data-dir, or move this one away first; nothing was written");
        }
    }
}
