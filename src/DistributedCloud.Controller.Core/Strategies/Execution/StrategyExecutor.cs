using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Networking.Errors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Strategies.Execution;

/// <summary>
/// Drives an applying (or aborting) strategy: each pass fails subclouds paused too long (D-17), then starts every step
/// <see cref="StrategyMachine.NextSteps"/> allows (D-15 max parallel, D-16 stop-on-failure), each start committing
/// the step and its workflow together, then wakes the publisher. Woken by <see cref="WorkflowSignals.StrategyChanged"/>
/// (a step finished, apply, abort, availability) and by a periodic tick. All state is in the database, so a restarted
/// controller continues where it was (D-18); a step already started is not started again.
/// </summary>
internal sealed class StrategyExecutor(
    StrategyService strategies,
    WorkflowSignals signals,
    WorkflowOptions options,
    ILogger<StrategyExecutor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await strategies.WhenOpen.WaitAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.ExecutorFailed(ex);
            }

            try
            {
                await signals.Strategy.WaitAsync(options.ExecutorTickInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    internal async Task PassAsync(CancellationToken cancellationToken)
    {
        var strategy = await strategies.GetAsync(cancellationToken).ConfigureAwait(false);
        if (strategy is null || strategy.State is not (StrategyState.Applying or StrategyState.Aborting))
        {
            return;
        }

        if (strategy.Subclouds.Any(s => s.State == StepState.Paused))
        {
            strategy = await strategies.CheckPauseTimeoutsAsync(cancellationToken).ConfigureAwait(false);
        }

        var started = 0;
        foreach (var next in StrategyMachine.NextSteps(strategy))
        {
            try
            {
                await strategies.StartStepAsync(next.Subcloud, next.Step.Index, cancellationToken).ConfigureAwait(false);
                started++;
            }
            catch (DomainException)
            {
                // The strategy moved on meanwhile (aborted, deleted): the next pass sees its new state.
            }
        }

        if (started > 0)
        {
            logger.ExecutorStarted(started);
            signals.OutboxCommitted();
        }
    }
}
