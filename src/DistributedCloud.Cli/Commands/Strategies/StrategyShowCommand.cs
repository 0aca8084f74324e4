using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary><c>dcctl strategy show [--details]</c>: the plan (a dry run before apply, D-12) and its progress.</summary>
public sealed class StrategyShowCommand : ControllerCommand
{
    private readonly Option<bool> _details = new("--details") { Description = "Add each step's operation id, times and message." };

    public StrategyShowCommand()
        : base("show", "Show the strategy: per subcloud its ordered steps with their states, and a summary.")
    {
        Options.Add(_details);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var details = parseResult.GetValue(_details);
        var strategy = await controller.CallAsync((c, o) => c.GetStrategyAsync(new GetStrategyRequest { Details = details }, o), cancellationToken);
        await StrategyView.WriteAsync(output, strategy, details);
        return ExitCodes.Success;
    }
}
