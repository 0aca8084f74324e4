namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>A step the executor should run now.</summary>
public sealed record StepToStart(string Subcloud, StrategyStep Step);
