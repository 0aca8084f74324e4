namespace DistributedCloud.Cli;

/// <summary>Thrown by commands for problems with how they were called (exit code 2); carries every problem found.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : this([message])
    {
    }

    public UsageException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
