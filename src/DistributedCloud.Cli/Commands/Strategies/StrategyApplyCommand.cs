using System.CommandLine;
using DistributedCloud.Cli.Controller;
using DistributedCloud.Cli.Output;
using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>
/// <c>dcctl strategy apply [--no-wait]</c>: starts the strategy, then follows WatchStrategy until it ends. Exit code 0
/// when complete, 1 when failed or aborted (the reasons on stderr); the final plan goes to stdout.
/// </summary>
public sealed class StrategyApplyCommand : ControllerCommand
{
    /// <summary>How often a stream that ends before the strategy does is opened again.</summary>
    private const int Reconnects = 3;

    private readonly Option<bool> _noWait = new("--no-wait") { Description = "Return once the controller has started the strategy." };

    public StrategyApplyCommand()
        : base("apply", "Apply the strategy and show its progress until it ends.")
    {
        Options.Add(_noWait);
    }

    protected override async Task<int> ExecuteAsync(ControllerClient controller, CommandOutput output, ParseResult parseResult, CancellationToken cancellationToken)
    {
        var applied = await controller.CallAsync((c, o) => c.ApplyStrategyAsync(new ApplyStrategyRequest(), o), cancellationToken);
        if (parseResult.GetValue(_noWait))
        {
            output.Message($"dcctl: the strategy is {ControllerText.StrategyState(applied.State)}; follow it with 'dcctl strategy show'");
            await StrategyView.WriteAsync(output, applied, details: false);
            return ExitCodes.Success;
        }

        var final = await StrategyProgress.ShowAsync(output, applied, report => FollowAsync(controller, applied, report, cancellationToken));
        return await FinishAsync(output, final);
    }

    /// <summary>Reads the strategy's changes until it ends; a stream that stops early is checked and opened again.</summary>
    public static async Task<Strategy> FollowAsync(ControllerClient controller, Strategy applied, Action<Strategy> report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(report);
        var last = applied;
        for (var attempt = 0; attempt <= Reconnects && !ControllerText.HasEnded(last.State); attempt++)
        {
            await foreach (var strategy in controller.StreamAsync((c, o) => c.WatchStrategy(new WatchStrategyRequest(), o), cancellationToken))
            {
                last = strategy;
                report(strategy);
                if (ControllerText.HasEnded(strategy.State))
                {
                    return strategy;
                }
            }

            last = await controller.CallAsync((c, o) => c.GetStrategyAsync(new GetStrategyRequest { Details = true }, o), cancellationToken);
            report(last);
        }

        return last;
    }

    public static async Task<int> FinishAsync(CommandOutput output, Strategy final)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(final);
        await StrategyView.WriteAsync(output, final, details: false);
        if (!ControllerText.HasEnded(final.State))
        {
            output.Message($"dcctl: stopped following: the strategy is still {ControllerText.StrategyState(final.State)} at the controller; follow it with 'dcctl strategy show'");
            return ExitCodes.TimedOut;
        }

        if (final.State == Contracts.Controller.V1.StrategyState.Complete)
        {
            output.Message($"dcctl: {StrategyView.Summary(final)}");
            return ExitCodes.Success;
        }

        output.Message($"dcctl: the strategy {ControllerText.StrategyState(final.State)}");
        foreach (var reason in StrategyView.FailureReasons(final))
        {
            output.Message($"dcctl: {reason}");
        }

        return ExitCodes.Refused;
    }
}
