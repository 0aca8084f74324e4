namespace DistributedCloud.Site.Drivers;

/// <summary>How a driver's action ended; a failure's <see cref="Output"/> is the reason shown on the host.</summary>
public sealed record HostDriverResult(bool Succeeded, string Output, int? ExitCode = null)
{
    public static HostDriverResult Success(string output = "", int? exitCode = null) => new(true, output, exitCode);

    public static HostDriverResult Failure(string reason, int? exitCode = null) => new(false, reason, exitCode);
}
