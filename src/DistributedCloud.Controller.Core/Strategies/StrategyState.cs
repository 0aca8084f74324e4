namespace DistributedCloud.Controller.Core.Strategies;

/// <summary>D-11: <c>initial -> applying -> complete | failed | aborted</c>; abort: <c>applying -> aborting -> aborted</c>.</summary>
public enum StrategyState
{
    Initial,
    Applying,
    Complete,
    Failed,
    Aborting,
    Aborted,
}
