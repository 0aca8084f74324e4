using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary><c>dcctl strategy create TYPE ...</c>: one subcommand per strategy type.</summary>
public sealed class StrategyCreateCommand : Command
{
    public StrategyCreateCommand()
        : base("create", "Create the strategy and compute its plan (nothing runs until 'strategy apply').")
    {
        Subcommands.Add(new StrategyCreateNetworkModeCommand());
    }
}
