using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>A platform list command: one call, one table.</summary>
public abstract class ListCommand(string name, string description) : PlatformCommand(name, description)
{
    protected abstract Task<BoxTable> ReadAsync(SitePlatform site, CancellationToken cancellationToken);

    protected override async Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await TableOutput.WriteListAsync(output, await ReadAsync(site, cancellationToken));
        return ExitCodes.Success;
    }
}
