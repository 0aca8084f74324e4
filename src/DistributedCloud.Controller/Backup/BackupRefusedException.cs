namespace DistributedCloud.Controller.Backup;

/// <summary>
/// A backup or restore that cannot be done, as one line: what it is about (a file, an entry, a flag), what is wrong,
/// and the way out. Nothing was written when this is thrown (S-8a).
/// </summary>
public sealed class BackupRefusedException : Exception
{
    public BackupRefusedException()
    {
    }

    public BackupRefusedException(string message)
        : base(message)
    {
    }

    public BackupRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackupRefusedException(string subject, string problem, string wayOut, Exception? innerException = null)
        : base($"{subject}: {problem} (S-8a); {wayOut}", innerException)
    {
        Subject = subject;
    }

    /// <summary>The file, entry or flag the refusal names.</summary>
    public string? Subject { get; }
}
