namespace DistributedCloud.Controller.Core.Workflows;

/// <summary>The kinds of workflow the bus carries (D-19).</summary>
public static class WorkflowKinds
{
    public const string HostLock = "host-lock";
    public const string HostUnlock = "host-unlock";
    public const string HostSwact = "host-swact";

    /// <summary>One step of a strategy on one subcloud (network change or host action).</summary>
    public const string StrategyStep = "strategy-step";

    /// <summary>The message type published for every workflow: it carries the operation id only (architecture decision 4).</summary>
    public const string RunWorkflowMessage = "distributedcloud.controller.v1.RunWorkflow";
}
