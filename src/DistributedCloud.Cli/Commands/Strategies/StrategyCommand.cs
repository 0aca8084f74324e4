using System.CommandLine;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary><c>dcctl strategy create|show|apply|abort|delete</c>: the one orchestration strategy (D-11..D-18).</summary>
public sealed class StrategyCommand : Command
{
    public StrategyCommand()
        : base("strategy", "Roll a change out to many subclouds: create (the plan), show, apply, abort, delete.")
    {
        Subcommands.Add(new StrategyCreateCommand());
        Subcommands.Add(new StrategyShowCommand());
        Subcommands.Add(new StrategyApplyCommand());
        Subcommands.Add(new StrategyAbortCommand());
        Subcommands.Add(new StrategyDeleteCommand());
    }
}
