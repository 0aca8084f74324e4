namespace DistributedCloud.Controller.Backup;

/// <summary>Which one-shot archive mode the command line asked for (S-8a).</summary>
public enum ArchiveOperation
{
    Backup,
    Restore,
}

/// <summary>
/// <c>--backup FILE [--force]</c> or <c>--restore FILE</c>: the controller runs the operation on its data directory and
/// exits instead of serving (<see cref="ArchiveMode"/>).
/// </summary>
public sealed record ArchiveRequest(ArchiveOperation Operation, string File, bool Force);
