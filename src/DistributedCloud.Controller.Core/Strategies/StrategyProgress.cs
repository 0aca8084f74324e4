namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>
/// The current strategy in numbers, for the controller's gauges: its state, its steps by state (done = succeeded,
/// failed, ...) and its subclouds by state, as of <see cref="UpdatedAt"/>.
/// </summary>
public sealed record StrategyProgress(
    Guid Id,
    StrategyType Type,
    StrategyState State,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<StepState, int> Steps,
    IReadOnlyDictionary<StepState, int> Subclouds)
{
    public static StrategyProgress Of(Strategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new StrategyProgress(
            strategy.Id,
            strategy.Type,
            strategy.State,
            strategy.UpdatedAt,
            strategy.Subclouds.SelectMany(s => s.Steps).GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count()),
            strategy.Subclouds.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count()));
    }
}
