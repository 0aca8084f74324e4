using DistributedCloud.Contracts.Controller.V1;

namespace DistributedCloud.Cli.Tests.Strategies;

/// <summary>Strategies at points of their life, as the controller sends them.</summary>
public static class SampleStrategies
{
    public static SubcloudPlan Plan(string subcloud, StepState state, params (string Name, StepState State)[] steps)
    {
        var plan = new SubcloudPlan { Subcloud = subcloud, State = state };
        // Sent out of order on purpose: the view orders by index.
        plan.Steps.AddRange(steps.Select((s, i) => new StrategyStep { Index = i + 1, Name = s.Name, State = s.State }).Reverse());
        return plan;
    }

    public static Strategy With(StrategyState state, params SubcloudPlan[] plans)
    {
        var strategy = new Strategy
        {
            Type = StrategyType.NetworkMode, State = state, SubcloudApplyType = ApplyType.Parallel, MaxParallelSubclouds = 2,
        };
        strategy.Subclouds.AddRange(plans);
        return strategy;
    }

    public static Strategy Planned() => With(StrategyState.Initial,
        Plan("subcloud1", StepState.Pending, ("add pool oam-ipv4 (198.18.2.0/24)", StepState.Pending), ("assign oam-ipv4 to oam", StepState.Pending), ("lock controller-1", StepState.Pending)),
        Plan("subcloud2", StepState.Pending, ("add pool oam-ipv4 (198.18.3.0/24)", StepState.Pending), ("assign oam-ipv4 to oam", StepState.Pending)));

    public static Strategy Applying() => With(StrategyState.Applying,
        Plan("subcloud1", StepState.Running, ("add pool oam-ipv4 (198.18.2.0/24)", StepState.Succeeded), ("assign oam-ipv4 to oam", StepState.Running), ("lock controller-1", StepState.Pending)),
        Plan("subcloud2", StepState.Paused, ("add pool oam-ipv4 (198.18.3.0/24)", StepState.Paused), ("assign oam-ipv4 to oam", StepState.Pending)),
        Plan("subcloud3", StepState.Succeeded, ("assign oam-ipv4 to oam", StepState.Succeeded)));

    public static Strategy Complete() => With(StrategyState.Complete,
        Plan("subcloud1", StepState.Succeeded, ("assign oam-ipv4 to oam", StepState.Succeeded)),
        Plan("subcloud2", StepState.Succeeded, ("assign oam-ipv4 to oam", StepState.Succeeded)));

    public static Strategy Failed()
    {
        var failed = With(StrategyState.Failed,
            Plan("subcloud1", StepState.Succeeded, ("assign oam-ipv4 to oam", StepState.Succeeded)),
            Plan("subcloud2", StepState.Failed, ("assign oam-ipv4 to oam", StepState.Succeeded), ("unlock controller-1", StepState.Failed)));
        failed.Subclouds[1].Steps.Single(s => s.State == StepState.Failed).Message = "controller-1 did not come back enabled";
        failed.Error = "subcloud2 failed and stop-on-failure is set";
        return failed;
    }
}
