namespace DistributedCloud.Controller.Backup;

/// <summary>
/// <c>--restore FILE</c> (S-8a): a backup recreated as a data directory that does not exist yet or is empty. The whole
/// archive is read and checked first, with nothing written; then it is extracted into a private temporary directory
/// (checked again on the way) and only then put in place, so a damaged or truncated archive, or a failure half-way,
/// leaves nothing behind. Files are written 0600, directories 0700.
/// </summary>
/// <remarks>
/// A missing target is created by renaming the temporary directory, made beside it, in one step. An existing empty
/// target (systemd's <c>StateDirectory=</c>, owned by the service user under a parent only root may write) is filled
/// from a temporary directory inside it, by renaming its top-level entries into place and back again on a failure,
/// so the restore can run as the service user and the files are that user's own.
/// </remarks>
public sealed class ControllerRestore(TextWriter progress)
{
    public RestoreResult Restore(string file, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var archive = Path.GetFullPath(file);
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        CheckTarget(target, null);

        progress.WriteLine($"DistributedCloud.Controller: checking {archive}");
        var manifest = BackupArchive.Verify(archive);
        progress.WriteLine($"  {manifest.Files.Count} files, {ByteSizes.Format(manifest.TotalBytes)}, taken {manifest.Created:u} from {manifest.SourceDirectory} by version {manifest.ProgramVersion}: intact");

        var parent = Path.GetDirectoryName(target)!;
        var inPlace = Directory.Exists(target);
        var temporary = inPlace
            ? Path.Combine(target, $".restore.{Guid.NewGuid():N}.tmp")
            : Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.restore.tmp");
        try
        {
            Directory.CreateDirectory(parent);
            OwnerOnly.CreateDirectory(temporary);
            progress.WriteLine($"DistributedCloud.Controller: restoring into {target}");
            BackupArchive.Extract(archive, temporary);

            // Checked again at the last moment: nothing may have appeared in (or as) the target meanwhile.
            CheckTarget(target, temporary);
            if (inPlace)
            {
                MoveContents(temporary, target);
            }
            else
            {
                Directory.Move(temporary, target);
            }

            return new RestoreResult(target, manifest);
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            throw new BackupRefusedException(target, $"the restore failed: {failed.Message}",
                inPlace
                    ? "check that the directory is writable by this user with space to spare, then run it again; nothing was written"
                    : $"create {target} empty and owned by the controller's user, or check that {parent} is writable with space to spare, then run it again; nothing was written",
                failed);
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
                    // The refusal stands; the hidden leftover ends in .tmp, which a controller and a backup ignore.
                }
            }
        }
    }

    /// <summary>Every top-level entry of <paramref name="from"/> renamed into <paramref name="to"/>; on a failure the ones moved go back.</summary>
    private static void MoveContents(string from, string to)
    {
        var moved = new List<(string From, string To)>();
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(from).ToArray())
            {
                var destination = Path.Combine(to, Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    Directory.Move(entry, destination);
                }
                else
                {
                    File.Move(entry, destination);
                }

                moved.Add((entry, destination));
            }
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            foreach (var (source, destination) in Enumerable.Reverse(moved))
            {
                if (Directory.Exists(destination))
                {
                    Directory.Move(destination, source);
                }
                else
                {
                    File.Move(destination, source);
                }
            }

            throw;
        }
    }

    /// <summary>The target is absent, or an empty directory (but for <paramref name="ours"/>, the restore's own temporary directory).</summary>
    private static void CheckTarget(string target, string? ours)
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

        if (Directory.EnumerateFileSystemEntries(target).Any(e => e != ours))
        {
            throw new BackupRefusedException(target, "the data directory (--data-dir) is not empty; a restore never mixes a backup with other files",
                "give a new or empty --data-dir, or move this one away first; nothing was written");
        }
    }
}
