using System.CommandLine;
using System.Text.Json.Nodes;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary><c>dcctl strategy delete</c>: only an initial or ended strategy (D-11).</summary>
public sealed class StrategyDeleteCommand() : ControllerCommand("delete", "Delete the strategy (not while it is applying or aborting).")
{
    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        await controller.CallAsync((c, o) => c.DeleteStrategyAsync(new DeleteStrategyRequest(), o), cancellationToken);
        if (output.Format == OutputFormat.Table)
        {
            await output.Out.WriteLineAsync("Deleted the strategy");
        }
        else
        {
            await output.WriteDocumentAsync(new JsonObject { ["deleted"] = true });
        }

        return ExitCodes.Success;
    }
}
