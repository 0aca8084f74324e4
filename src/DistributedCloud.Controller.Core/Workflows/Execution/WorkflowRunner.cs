using System.Collections.Concurrent;
using System.Diagnostics;
using DistributedCloud.Contracts.Agent.V1;
using DistributedCloud.Controller.Core.Diagnostics;
using DistributedCloud.Controller.Core.Persistence;
using DistributedCloud.Controller.Core.Strategies;
using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Controller.Core.Workflows.Bus;
using DistributedCloud.Networking.Errors;
using Microsoft.Extensions.Logging;

namespace DistributedCloud.Controller.Core.Workflows.Execution;

/// <summary>
/// Runs one delivered <see cref="RunWorkflow"/>, idempotent by operation id (D-21): the database says what is left to
/// do. A finished workflow is acknowledged and nothing more happens; otherwise it is marked started, its work runs on
/// the agent under its operation id, and its end is recorded once (a strategy step through
/// <see cref="StrategyService.FinishStepAsync"/>, which finishes the workflow in the same transaction). An unreachable
/// agent leaves it running and re-queues it (D-17: offline pauses, it does not fail).
/// </summary>
internal sealed class WorkflowRunner(
    WorkflowOutbox outbox,
    StrategyService strategies,
    SubcloudRegistry registry,
    AgentWork work,
    WorkflowRetries retries,
    WorkflowSignals signals,
    WorkflowOptions options,
    ControllerDatabase database,
    ILogger<WorkflowRunner> logger)
{
    // One run per operation id in this process: a redelivery racing a retry waits for nothing and is dropped.
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    public async Task RunAsync(RunWorkflow message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_running.TryAdd(message.OperationId, 0))
        {
            Count(message.Kind, "duplicate");
            return;
        }

        try
        {
            await RunOnceAsync(message, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(message.OperationId, out _);
        }
    }

    private async Task RunOnceAsync(RunWorkflow message, CancellationToken cancellationToken)
    {
        var workflow = await outbox.GetAsync(message.OperationId, cancellationToken).ConfigureAwait(false);
        if (workflow is null || workflow.IsFinished)
        {
            // Unknown here (another controller's store) or done already: acknowledge, touch nothing (D-21).
            logger.WorkflowDuplicate(message.OperationId);
            Count(message.Kind, "duplicate");
            return;
        }

        workflow = await outbox.StartedAsync(workflow.OperationId, cancellationToken).ConfigureAwait(false);
        logger.WorkflowRunning(workflow.OperationId, workflow.Kind, workflow.Subcloud, workflow.Attempts);
        var started = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            outcome = workflow.Kind == WorkflowKinds.StrategyStep
                ? await RunStepAsync(workflow, cancellationToken).ConfigureAwait(false)
                : await RunHostActionAsync(workflow, cancellationToken).ConfigureAwait(false);
        }
        catch (AgentUnreachableException unreachable)
        {
            logger.WorkflowDeferred(workflow.OperationId, workflow.Subcloud, unreachable.Message, options.AgentRetryDelay);
            retries.Schedule(message, options.AgentRetryDelay);
            outcome = "deferred";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.WorkflowCrashed(workflow.OperationId, options.AgentRetryDelay, ex);
            retries.Schedule(message, options.AgentRetryDelay);
            outcome = "error";
        }

        Count(workflow.Kind, outcome);
        database.Telemetry.WorkflowDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("kind", workflow.Kind), new KeyValuePair<string, object?>("outcome", outcome));
    }

    private async Task<string> RunStepAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        var payload = ControllerJson.Read<StepWorkflow>(workflow.Payload);
        var strategy = await strategies.GetAsync(cancellationToken).ConfigureAwait(false);
        var step = strategy is not null && strategy.Id == payload.StrategyId
            ? strategy.Subclouds.FirstOrDefault(s => s.Subcloud == payload.Subcloud)?.Steps.FirstOrDefault(s => s.Index == payload.Index)
            : null;
        if (strategy is null || step is null || strategy.IsTerminal)
        {
            await outbox.FinishAsync(workflow.OperationId, succeeded: false, "the strategy of this step is gone or over", cancellationToken).ConfigureAwait(false);
            return "failed";
        }

        if (step.State is StepState.Succeeded or StepState.Failed or StepState.Aborted)
        {
            // The strategy ended the step itself (D-17 pause timeout): the workflow follows it.
            await outbox.FinishAsync(workflow.OperationId, step.State == StepState.Succeeded, step.Message, cancellationToken).ConfigureAwait(false);
            return step.State == StepState.Succeeded ? "succeeded" : "failed";
        }

        WorkflowOutcome result;
        try
        {
            var subcloud = await registry.GetAsync(payload.Subcloud, cancellationToken).ConfigureAwait(false);
            result = await work.RunStepAsync(subcloud, workflow.OperationId, payload.Action, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DomainException or InvalidDataException)
        {
            result = WorkflowOutcome.Refused(ex.Message);
        }

        if (!result.Succeeded)
        {
            logger.WorkflowRefused(workflow.OperationId, workflow.Subcloud, result.Message);
        }

        try
        {
            await strategies.FinishStepAsync(payload.Subcloud, payload.Index, result.Succeeded, result.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (DomainException)
        {
            // The strategy stopped applying meanwhile: record the workflow's end on its own.
            await outbox.FinishAsync(workflow.OperationId, result.Succeeded, result.Message, cancellationToken).ConfigureAwait(false);
        }

        signals.StrategyChanged();
        return result.Succeeded ? "succeeded" : "failed";
    }

    private async Task<string> RunHostActionAsync(Workflow workflow, CancellationToken cancellationToken)
    {
        WorkflowOutcome result;
        try
        {
            var action = workflow.Kind switch
            {
                WorkflowKinds.HostLock => HostAction.Lock,
                WorkflowKinds.HostUnlock => HostAction.Unlock,
                WorkflowKinds.HostSwact => HostAction.Swact,
                _ => throw new InvalidDataException($"workflow kind '{workflow.Kind}' is not one this controller runs"),
            };
            var payload = ControllerJson.Read<HostWorkflow>(workflow.Payload);
            var subcloud = await registry.GetAsync(workflow.Subcloud ?? string.Empty, cancellationToken).ConfigureAwait(false);
            result = await work.HostActionAsync(subcloud, workflow.OperationId, action, payload.Host, payload.Force, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DomainException or InvalidDataException or System.Text.Json.JsonException)
        {
            result = WorkflowOutcome.Refused(ex.Message);
        }

        if (!result.Succeeded)
        {
            logger.WorkflowRefused(workflow.OperationId, workflow.Subcloud, result.Message);
        }

        await outbox.FinishAsync(workflow.OperationId, result.Succeeded, result.Message, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? "succeeded" : "failed";
    }

    private void Count(string kind, string outcome) =>
        database.Telemetry.WorkflowsConsumed.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
