namespace DistributedCloud.Cli;

/// <summary>Thrown by commands for problems with how they were called (exit code 2).</summary>
public sealed class UsageException(string message) : Exception(message);
