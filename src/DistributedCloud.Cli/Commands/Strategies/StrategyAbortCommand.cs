using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary><c>dcctl strategy abort</c>: running subclouds finish their current step, nothing new starts (D-11).</summary>
public sealed class StrategyAbortCommand() : ControllerCommand("abort", "Abort the applying strategy.")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var strategy = await controller.CallAsync((c, o) => c.AbortStrategyAsync(new AbortStrategyRequest(), o), cancellationToken);
        await StrategyView.WriteAsync(output, strategy, details: false);
        return ExitCodes.Success;
    }
}
