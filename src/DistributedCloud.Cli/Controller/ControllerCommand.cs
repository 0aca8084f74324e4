using System.CommandLine;
using DistributedCloud.Cli.Output;
using DistributedCloud.Cli.Platform;

namespace DistributedCloud.Cli.Controller;

/// <summary>
/// A command only the system controller answers (subclouds, groups, strategies). Its option checks run as parse
/// validators, so every problem of a command line is listed at once, as a usage error, before any call is made.
/// </summary>
public abstract class ControllerCommand : Command
{
    protected ControllerCommand(string name, string description)
        : base(name, description)
    {
        SetAction(RunAsync);
    }

    protected abstract Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken);

    private async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(parseResult);
        using var controller = PlatformConnection.OpenController(parseResult);
        return await ExecuteAsync(controller, output, parseResult, cancellationToken);
    }
}
