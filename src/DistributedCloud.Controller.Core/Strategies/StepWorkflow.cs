namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>The payload of a strategy-step workflow: which step of which strategy, and what it does.</summary>
public sealed record StepWorkflow(Guid StrategyId, string Subcloud, int Index, StepAction Action);
