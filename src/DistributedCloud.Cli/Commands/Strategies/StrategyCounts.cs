using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Commands.Strategies;

/// <summary>How many subclouds of a strategy are in each state, from their plans.</summary>
public sealed record StrategyCounts(int Subclouds, int Done, int Failed, int Running, int Paused, int Aborted, int Pending)
{
    public static StrategyCounts Of(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var plans = strategy.Subclouds;
        if (plans.Count == 0)
        {
            // A strategy shown without its plans still carries the controller's counters.
            return new StrategyCounts(strategy.Done + strategy.Failed + strategy.Running, strategy.Done, strategy.Failed, strategy.Running, 0, 0, 0);
        }

        int Count(params StepState[] states) => plans.Count(p => states.Contains(p.State));
        return new StrategyCounts(plans.Count, Count(StepState.Succeeded), Count(StepState.Failed), Count(StepState.Running),
            Count(StepState.Paused), Count(StepState.Aborted), Count(StepState.Pending, StepState.Unspecified));
    }

    /// <summary><c>3 subclouds: 1 done, 0 failed, 1 running, 0 paused, 1 pending</c> (aborted only when any).</summary>
    public override string ToString() =>
        $"{Subclouds} subcloud{(Subclouds == 1 ? string.Empty : "s")}: {Done} done, {Failed} failed, {Running} running, {Paused} paused, {Pending} pending"
        + (Aborted > 0 ? $", {Aborted} aborted" : string.Empty);
}
