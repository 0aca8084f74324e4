using DistributedCloud.Controller.Core.Subclouds;
using DistributedCloud.Networking.Errors;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// The strategy state machine (D-11, D-15..D-17), pure: every event returns the changed strategy, or refuses with a
/// <see cref="DomainException"/> and changes nothing.
/// </summary>
public static class StrategyMachine
{
    /// <summary>D-11: only an initial strategy is applied.</summary>
    public static Strategy Apply(Strategy strategy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.State != StrategyState.Initial)
        {
            throw Refused("apply", strategy, "only an initial strategy can be applied; delete it and create a new one");
        }

        return strategy with { State = StrategyState.Applying, UpdatedAt = now };
    }

    /// <summary>D-11: applying -> aborting; subclouds not started are aborted, running ones finish their current step.</summary>
    public static Strategy Abort(Strategy strategy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.State != StrategyState.Applying)
        {
            throw Refused("abort", strategy, "only an applying strategy can be aborted");
        }

        var subclouds = strategy.Subclouds.Select(s => s.State == StepState.Pending
            ? s with { State = StepState.Aborted, Message = "not started: the strategy was aborted" }
            : s).ToArray();
        return Settle(strategy with { State = StrategyState.Aborting, Subclouds = subclouds, UpdatedAt = now });
    }

    /// <summary>D-11: delete only from initial, complete, failed or aborted.</summary>
    public static void CheckDelete(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.State is StrategyState.Applying or StrategyState.Aborting)
        {
            throw Refused("delete", strategy, "abort it and wait for it to end first");
        }
    }

    /// <summary>
    /// D-15: the steps to run now. Subclouds in progress run their current step if it is pending; new subclouds start
    /// in plan order while fewer than max-parallel are in progress, unless stop-on-failure tripped (D-16) or the
    /// strategy is aborting.
    /// </summary>
    public static IReadOnlyList<StepToStart> NextSteps(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.State is not (StrategyState.Applying or StrategyState.Aborting))
        {
            return [];
        }

        var result = new List<StepToStart>();
        foreach (var subcloud in strategy.Subclouds.Where(s => s.State == StepState.Running))
        {
            if (subcloud.Current is { State: StepState.Pending } step && strategy.State == StrategyState.Applying)
            {
                result.Add(new StepToStart(subcloud.Subcloud, step));
            }
        }

        if (strategy.State != StrategyState.Applying || StopTripped(strategy))
        {
            return result;
        }

        var free = strategy.Parameters.EffectiveMaxParallel - strategy.Running;
        foreach (var subcloud in strategy.Subclouds.Where(s => s.State == StepState.Pending).OrderBy(s => s.Order).Take(Math.Max(0, free)))
        {
            result.Add(new StepToStart(subcloud.Subcloud, subcloud.Current!));
        }

        return result;
    }

    public static Strategy StepStarted(Strategy strategy, string subcloud, int index, DateTimeOffset now) =>
        UpdateStep(strategy, subcloud, index, now, step => step with { State = StepState.Running, StartedAt = step.StartedAt ?? now, Message = null },
            s => s with { State = StepState.Running });

    /// <summary>A step succeeded; the subcloud succeeds with its last step (its pools become the expected ones).</summary>
    public static Strategy StepSucceeded(Strategy strategy, string subcloud, int index, DateTimeOffset now, string? message = null) =>
        UpdateStep(strategy, subcloud, index, now, step => step with { State = StepState.Succeeded, FinishedAt = now, Message = message },
            s => s.Steps.All(x => x.State == StepState.Succeeded)
                ? s with { State = StepState.Succeeded, Message = null }
                : strategy.State == StrategyState.Aborting
                    ? s with { State = StepState.Aborted, Message = "stopped after its current step: the strategy was aborted" }
                    : s);

    /// <summary>A step failed: the subcloud fails (D-16 decides what that means for the strategy).</summary>
    public static Strategy StepFailed(Strategy strategy, string subcloud, int index, DateTimeOffset now, string message) =>
        UpdateStep(strategy, subcloud, index, now, step => step with { State = StepState.Failed, FinishedAt = now, Message = message },
            s => s with { State = StepState.Failed, Message = message });

    /// <summary>D-17: a subcloud that goes offline during its steps is paused, not failed.</summary>
    public static Strategy SubcloudOffline(Strategy strategy, string subcloud, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var part = strategy.For(subcloud);
        if (part.State != StepState.Running)
        {
            return strategy;
        }

        var steps = part.Steps.Select(s => s.State == StepState.Running ? s with { State = StepState.Paused, Message = "subcloud offline" } : s).ToArray();
        return Replace(strategy, part with { State = StepState.Paused, PausedAt = now, Steps = steps, Message = "paused: the subcloud is offline" }, now);
    }

    /// <summary>D-17: back online, the paused step runs again (steps are idempotent by operation id, D-18).</summary>
    public static Strategy SubcloudOnline(Strategy strategy, string subcloud, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var part = strategy.For(subcloud);
        if (part.State != StepState.Paused)
        {
            return strategy;
        }

        var steps = part.Steps.Select(s => s.State == StepState.Paused ? s with { State = StepState.Pending, Message = null } : s).ToArray();
        var resumed = strategy.State == StrategyState.Aborting
            ? part with { State = StepState.Aborted, PausedAt = null, Steps = steps, Message = "stopped: the strategy was aborted while the subcloud was offline" }
            : part with { State = StepState.Running, PausedAt = null, Steps = steps, Message = null };
        return Replace(strategy, resumed, now);
    }

    /// <summary>D-17: a subcloud paused for longer than the timeout fails.</summary>
    public static Strategy CheckPauseTimeouts(Strategy strategy, DateTimeOffset now, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var result = strategy;
        foreach (var part in strategy.Subclouds.Where(s => s.State == StepState.Paused && s.PausedAt is { } at && now - at >= timeout))
        {
            var message = FormattableString.Invariant($"the subcloud stayed offline for more than {timeout.TotalSeconds:0} s");
            var steps = part.Steps.Select(s => s.State == StepState.Paused ? s with { State = StepState.Failed, FinishedAt = now, Message = message } : s).ToArray();
            result = Replace(result, part with { State = StepState.Failed, Steps = steps, Message = message }, now);
        }

        return result;
    }

    /// <summary>Whether stop-on-failure forbids starting new subclouds (D-16).</summary>
    public static bool StopTripped(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Parameters.StopOnFailure && strategy.Subclouds.Any(s => s.State == StepState.Failed);
    }

    private static Strategy UpdateStep(Strategy strategy, string subcloud, int index, DateTimeOffset now, Func<StrategyStep, StrategyStep> step, Func<SubcloudStrategy, SubcloudStrategy> part)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy.State is not (StrategyState.Applying or StrategyState.Aborting))
        {
            throw Refused("run a step of", strategy, "it is not applying");
        }

        var current = strategy.For(subcloud);
        if (current.IsFinished)
        {
            return strategy;
        }

        var steps = current.Steps.Select(s => s.Index == index ? step(s) : s).ToArray();
        return Replace(strategy, part(current with { Steps = steps }), now);
    }

    private static Strategy Replace(Strategy strategy, SubcloudStrategy part, DateTimeOffset now) =>
        Settle(strategy with
        {
            Subclouds = strategy.Subclouds.Select(s => s.Subcloud == part.Subcloud ? part : s).ToArray(),
            UpdatedAt = now,
        });

    /// <summary>
    /// D-16: once nothing is in progress and nothing more may start, the strategy ends: failed if any subcloud failed,
    /// aborted if any was aborted, else complete. With stop-on-failure the subclouds never started are aborted.
    /// </summary>
    private static Strategy Settle(Strategy strategy)
    {
        if (strategy.State is not (StrategyState.Applying or StrategyState.Aborting) || strategy.Subclouds.Any(s => s.IsInProgress))
        {
            return strategy;
        }

        var subclouds = strategy.Subclouds;
        if (strategy.State == StrategyState.Applying && StopTripped(strategy))
        {
            subclouds = subclouds.Select(s => s.State == StepState.Pending
                ? s with { State = StepState.Aborted, Message = "not started: an earlier subcloud failed and stop-on-failure is set" }
                : s).ToArray();
        }
        else if (strategy.State == StrategyState.Applying && subclouds.Any(s => s.State == StepState.Pending))
        {
            return strategy;
        }

        var failed = subclouds.Where(s => s.State == StepState.Failed).Select(s => s.Subcloud).ToArray();
        var state = failed.Length > 0 ? StrategyState.Failed
            : strategy.State == StrategyState.Aborting || subclouds.Any(s => s.State == StepState.Aborted) ? StrategyState.Aborted
            : StrategyState.Complete;
        return strategy with
        {
            State = state,
            Subclouds = subclouds,
            Error = failed.Length > 0 ? $"failed on {string.Join(", ", failed)}" : strategy.Error,
        };
    }

    private static DomainException Refused(string verb, Strategy strategy, string wayOut) =>
        new(new DomainError("D-11", "strategy", $"cannot {verb} the strategy: it is {strategy.State.Name()}; {wayOut}", ErrorKind.FailedPrecondition));
}
