using DistributedCloud.Controller.Core.Subclouds;

namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// One subcloud's part of a strategy: its ordered steps, the notices (pods to restart, ...), its state, and the pools
/// the controller expects once it is done (recorded on the subcloud when it succeeds).
/// </summary>
public sealed record SubcloudStrategy(
    string Subcloud,
    int Order,
    IReadOnlyList<StrategyStep> Steps,
    IReadOnlyList<string> Notices,
    IReadOnlyList<SubcloudPool> TargetPools,
    StepState State = StepState.Pending,
    string? Message = null,
    DateTimeOffset? PausedAt = null)
{
    /// <summary>The first step not yet succeeded, or null when all are.</summary>
    public StrategyStep? Current => Steps.FirstOrDefault(s => s.State != StepState.Succeeded);

    public bool IsFinished => State is StepState.Succeeded or StepState.Failed or StepState.Aborted;

    /// <summary>Holds a slot of max-parallel: started and not finished (a paused subcloud still does, D-17).</summary>
    public bool IsInProgress => State is StepState.Running or StepState.Paused;
}
