using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Commands.Platform;

/// <summary>A platform command: opens the target site (cli.md global options), runs, closes.</summary>
public abstract class PlatformCommand : Command
{
    protected PlatformCommand(string name, string description)
        : base(name, description)
    {
        SetAction(RunAsync);
    }

    protected abstract Task<int> ExecuteAsync(SitePlatform site, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken);

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(parseResult);
        using var site = PlatformConnection.Open(parseResult);
        return await ExecuteAsync(site, output, parseResult, cancellationToken);
    }
}
