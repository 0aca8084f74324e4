namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>D-11: strategy types; network-mode is this product's own, with room for more.</summary>
public enum StrategyType
{
    NetworkMode,
}
