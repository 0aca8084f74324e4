namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// One step of a subcloud's plan, keyed by a deterministic operation id so a repeat after a restart is recognised by
/// the agent and does nothing twice (D-18).
/// </summary>
public sealed record StrategyStep(
    int Index,
    StepAction Action,
    string OperationId,
    StepState State = StepState.Pending,
    string? Message = null,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null)
{
    public string Name => Action.Describe();
}
